//! Deterministic sample workspace: Vietnamese and English customers, two pipelines,
//! touchpoints across channels and journey stages, tickets and survey answers.
//! The same seed and day always give the same documents.

use super::board::moves::{LOST, WON};
use super::board::rank;
use super::doc::Doc;
use super::lead_source::LeadSource;
use super::money::{Currency, Money};
use super::records::*;
use super::stages::StageSetPreset;
use super::time::Timestamp;

/// How much to generate. [`SampleSize::FULL`] is the size `make run` offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SampleSize {
    /// Accounts.
    pub accounts: usize,
    /// Contacts (spread over accounts).
    pub contacts: usize,
    /// Deals (spread over the two pipelines).
    pub deals: usize,
    /// Activities (touchpoints).
    pub activities: usize,
    /// Tickets.
    pub tickets: usize,
    /// Survey responses.
    pub surveys: usize,
}

impl SampleSize {
    /// ~200 accounts, ~1,000 contacts, ~2,000 deals, ~20,000 activities.
    pub const FULL: SampleSize = SampleSize {
        accounts: 200,
        contacts: 1_000,
        deals: 2_000,
        activities: 20_000,
        tickets: 400,
        surveys: 1_500,
    };
    /// A small workspace for tests.
    pub const SMALL: SampleSize = SampleSize {
        accounts: 10,
        contacts: 40,
        deals: 30,
        activities: 200,
        tickets: 10,
        surveys: 20,
    };
}

/// SplitMix64: tiny, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const VI_FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];
const VI_MIDDLE: &[&str] = &["Văn", "Thị", "Minh", "Hữu", "Thanh", "Quốc", "Ngọc", "Đức"];
const VI_GIVEN: &[&str] = &[
    "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương",
    "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn",
    "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Việt", "Yến",
];
const EN_FIRST: &[&str] = &[
    "Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas", "Mia", "Henry", "Grace",
    "Oliver", "Chloe", "Ethan", "Zoe", "Daniel",
];
const EN_LAST: &[&str] = &[
    "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clark", "Walker", "Hall", "Young", "King",
    "Wright", "Scott",
];
const VI_CORE: &[&str] = &[
    "Phát Đạt",
    "Hưng Thịnh",
    "Minh Long",
    "Sao Việt",
    "Đại Dương",
    "Hoàng Gia",
    "Thành Công",
    "An Phú",
    "Bình Minh",
    "Tân Tiến",
    "Việt Á",
    "Đông Á",
    "Trường Sơn",
    "Hòa Bình",
    "Kim Long",
    "Nam Việt",
];
const VI_FORM: &[&str] = &[
    "Công ty TNHH",
    "Công ty Cổ phần",
    "Tập đoàn",
    "Công ty TNHH Thương mại",
    "Công ty Cổ phần Công nghệ",
    "Hợp tác xã",
    "Công ty TNHH Dịch vụ",
    "Công ty Cổ phần Đầu tư",
    "Công ty TNHH Sản xuất",
    "Công ty Cổ phần Giải pháp",
];
const EN_CORE: &[&str] = &[
    "Northwind",
    "Bluewater",
    "Summit",
    "Evergreen",
    "Pioneer",
    "Redwood",
    "Silverline",
    "Brightpath",
    "Harbor",
    "Keystone",
    "Lighthouse",
    "Meridian",
];
const EN_FORM: &[&str] = &["Ltd", "Corp", "Group", "Partners", "Labs", "Holdings"];
const VI_CITIES: &[&str] = &[
    "Hà Nội",
    "TP. Hồ Chí Minh",
    "Đà Nẵng",
    "Hải Phòng",
    "Cần Thơ",
    "Huế",
    "Nha Trang",
    "Biên Hòa",
];
const EN_CITIES: &[&str] = &["Singapore", "Sydney", "London", "San Francisco", "Tokyo"];
const VI_INDUSTRY: &[&str] = &[
    "Bán lẻ",
    "Sản xuất",
    "Logistics",
    "Giáo dục",
    "Y tế",
    "Phần mềm",
    "F&B",
    "Bất động sản",
];
const EN_INDUSTRY: &[&str] = &[
    "Retail",
    "Manufacturing",
    "Logistics",
    "Education",
    "Healthcare",
    "Software",
];
const SEGMENTS: &[&str] = &["SMB", "Mid-market", "Enterprise"];
const SOURCES: &[&str] = &["ads", "organic", "referral", "event", "partner", "email"];
/// The support team tickets are assigned to.
const SUPPORT: &[&str] = &["Hà (hỗ trợ)", "Quang (support)", "Thảo (hỗ trợ)"];

const OWNERS: &[&str] = &[
    "Nguyễn Thị Lan",
    "Trần Minh Quân",
    "Lê Hoàng Hùng",
    "Emma Clark",
    "David Lee",
];
/// First touches: (utm_source, utm_medium, campaign, landing page path).
const LEAD_SOURCES: &[(&str, &str, &str, &str)] = &[
    ("facebook", "cpc", "tet-2026", "/khuyen-mai"),
    ("zalo", "paid_social", "zalo-oa", "/dang-ky"),
    ("google", "cpc", "crm-search", "/crm"),
    ("google", "organic", "", "/blog/hanh-trinh-khach-hang"),
    ("coccoc", "organic", "", "/crm"),
    ("newsletter", "email", "thang-10", "/webinar"),
    ("partner.vn", "referral", "", "/doi-tac"),
    ("(direct)", "(none)", "", "/"),
    ("linkedin", "social", "", "/case-study"),
];

const ROLES: &[&str] = &["buyer", "admin", "user", "champion", "finance"];

/// A map's hand-written lanes, one text per stage (docs/domain.md#lanes, the worked example).
type MapContent = [(&'static str, [&'static str; 5]); 5];

const MAP_VI: MapContent = [
    (
        "mindset",
        [
            "Chưa thấy rõ vấn đề; để ý khi đồng nghiệp nhắc",
            "Biết mình cần công cụ, đang **so sánh** giải pháp",
            "Đọc đánh giá, hỏi giá, cần sếp duyệt",
            "Cân nhắc gia hạn hay đổi nhà cung cấp",
            "Hài lòng, sẵn sàng giới thiệu",
        ],
    ),
    (
        "pains",
        [
            "- Thứ hạng SEO yếu",
            "- Ít nội dung chất lượng",
            "- **Giá**\n- Nhân viên bán hàng chưa nắm sản phẩm",
            "- Tập trung mục tiêu lớn, bỏ sót chi tiết",
            "- Tính năng chưa khớp mục tiêu",
        ],
    ),
    (
        "opportunities",
        [
            "Bài viết so sánh, quảng cáo theo ngành",
            "Webinar hằng tháng, *case study* khách hàng",
            "Demo theo dữ liệu thật của khách",
            "Hướng dẫn bằng video, chăm sóc chủ động",
            "Chương trình giới thiệu khách hàng",
        ],
    ),
    (
        "departments",
        [
            "Marketing",
            "Marketing, Bán hàng",
            "Bán hàng",
            "Hỗ trợ, Chăm sóc khách hàng",
            "Hỗ trợ, Chăm sóc, Phát triển sản phẩm",
        ],
    ),
    (
        "touchpoints",
        [
            "- Website, landing page\n- Mạng xã hội, quảng cáo, blog",
            "- Email, webinar\n- Live chat, trang đánh giá, cộng đồng",
            "- Demo sản phẩm\n- Hướng dẫn sử dụng",
            "- Hỗ trợ\n- Kiến thức sản phẩm",
            "- Hướng dẫn hình ảnh, video\n- Hỗ trợ",
        ],
    ),
];

const MAP_EN: MapContent = [
    (
        "mindset",
        [
            "Runs the shop on spreadsheets; not yet feeling the pain",
            "Knows a CRM would help; **compares** three options",
            "Worried about price and set-up time",
            "Asks whether the team really uses it",
            "Tells other owners at the business club",
        ],
    ),
    (
        "pains",
        [
            "- Never heard of us",
            "- Too little content in plain words",
            "- **Price**\n- Sales rep could not answer set-up questions",
            "- Staff turnover: new people need training",
            "- A missing report blocks the referral",
        ],
    ),
    (
        "opportunities",
        [
            "Local business-club talks",
            "Side-by-side comparison page",
            "Fixed-price onboarding package",
            "*Quarterly* check-in call",
            "Referral reward",
        ],
    ),
    (
        "departments",
        [
            "Marketing",
            "Marketing, Sales",
            "Sales",
            "Customer support, Customer care",
            "Customer care, Product development",
        ],
    ),
    (
        "touchpoints",
        [
            "- Social ads\n- Blog",
            "- Email campaign\n- Review sites",
            "- Product demo",
            "- Support tickets\n- Knowledge base",
            "- Video guides",
        ],
    ),
];
const TITLES_VI: &[&str] = &[
    "Giám đốc",
    "Trưởng phòng IT",
    "Kế toán trưởng",
    "Nhân viên mua hàng",
    "Trưởng phòng kinh doanh",
];
const TITLES_EN: &[&str] = &[
    "CEO",
    "IT Manager",
    "CFO",
    "Procurement Lead",
    "Head of Sales",
];
const NOTES_VI: &[&str] = &[
    "Khách hỏi về bảng giá và chiết khấu theo số lượng.",
    "Đã demo tính năng báo cáo, khách rất hài lòng.",
    "Khách phàn nàn thời gian phản hồi hỗ trợ chậm.",
    "Hẹn gặp lại tuần sau để chốt hợp đồng.",
    "Khách muốn tích hợp với phần mềm kế toán hiện tại.",
    "Gửi tài liệu hướng dẫn sử dụng qua email.",
];
const NOTES_EN: &[&str] = &[
    "Asked about volume pricing.",
    "Demoed reporting; very positive reaction.",
    "Complained about slow support response.",
    "Follow-up next week to close.",
    "Needs integration with their accounting system.",
    "Sent onboarding guide by email.",
];

/// Generates the whole workspace: settings, pipelines, personas, journey maps,
/// accounts, contacts, deals, stage transitions, activities, tickets and surveys.
pub fn generate(seed: u64, today: Timestamp, size: SampleSize) -> Vec<Doc> {
    generate_at(seed, today, today, size)
}

/// [`generate`], with open tickets dated relative to `now` (the current
/// instant, later on `today`), so their SLA clocks look like a live queue.
pub fn generate_at(seed: u64, today: Timestamp, now: Timestamp, size: SampleSize) -> Vec<Doc> {
    Generator {
        rng: Rng(seed),
        today,
        now: now.max(today),
        docs: Vec::with_capacity(size.activities + size.deals * 4 + size.contacts * 3),
    }
    .run(size)
}

/// A workspace for board scale tests and benchmarks: settings, the sample
/// pipelines and 50 accounts, and `deals` open deals, all in the first pipeline
/// (`pipeline:new`), spread over its stages, ranked, without stage history.
pub fn board_workspace(seed: u64, today: Timestamp, deals: usize) -> Vec<Doc> {
    let mut g = Generator {
        rng: Rng(seed),
        today,
        now: today,
        docs: Vec::with_capacity(deals + 60),
    };
    let settings = WorkspaceSettings::new("vi", Currency::Vnd, StageSetPreset::Classic);
    g.push(WorkspaceSettings::LOCAL_ID, &settings, today, "sample");
    let pipelines = g.pipelines();
    let (pid, pipeline) = &pipelines[0];
    let accounts = g.accounts(50);
    let ranks = rank::spread(None, None, deals);
    for (i, rank) in ranks.into_iter().enumerate() {
        let acc = &accounts[g.rng.below(accounts.len())];
        let value = if acc.vietnamese {
            Money::new(g.rng.range(100, 20_000) * 100_000, Currency::Vnd)
        } else {
            Money::new(g.rng.range(10, 800) * 10_000, Currency::Usd)
        };
        let stage = &pipeline.stages[g.rng.below(pipeline.stages.len())];
        let d = Deal {
            title: format!(
                "{} #{}",
                if acc.vietnamese {
                    "Hợp đồng"
                } else {
                    "Contract"
                },
                i + 1
            ),
            pipeline_id: pid.clone(),
            stage_id: stage.id.clone(),
            status: DealStatus::Open,
            value,
            probability: g.rng.chance(10).then(|| g.rng.range(5, 95) as u8),
            account_id: Some(acc.id.clone()),
            contact_id: None,
            owner: acc.owner.into(),
            expected_close: Some(today.plus_days(g.rng.range(-30, 180))),
            stage_entered_at: g.days_ago(40),
            lost_reason: None,
            support_lead: None,
            rank: Some(rank),
            extra: Default::default(),
        };
        g.push(&format!("b{:05}", i + 1), &d, today, acc.owner);
    }
    g.docs
}

struct Generator {
    rng: Rng,
    today: Timestamp,
    /// The instant open tickets are aged from.
    now: Timestamp,
    docs: Vec<Doc>,
}

struct AccountInfo {
    id: String,
    vietnamese: bool,
    owner: &'static str,
}

struct ContactInfo {
    id: String,
    account: usize,
    /// Index of the last stage entered, and when.
    last_stage: usize,
    last_at: Timestamp,
}

impl Generator {
    fn push<R: Record>(&mut self, local: &str, r: &R, at: Timestamp, by: &str) {
        // Generated records are valid by construction; a failure here is a generator bug.
        let doc = Doc::new(local, r, at, by).expect("sample record must be valid");
        self.docs.push(doc);
    }

    fn days_ago(&mut self, max: i64) -> Timestamp {
        let day = self.rng.range(0, max);
        let ms = self.rng.range(8 * 3_600_000, 18 * 3_600_000);
        self.today.plus_days(-day).plus_ms(ms - 7 * 3_600_000)
    }

    fn run(mut self, size: SampleSize) -> Vec<Doc> {
        let now = self.today;
        let settings = WorkspaceSettings::new("vi", Currency::Vnd, StageSetPreset::Classic);
        let journey: Vec<String> = settings.stage_ids().iter().map(|s| s.to_string()).collect();
        self.push(WorkspaceSettings::LOCAL_ID, &settings, now, "sample");
        let pipelines = self.pipelines();
        let personas = self.personas(&journey);
        let accounts = self.accounts(size.accounts);
        let contacts = self.contacts(size.contacts, &accounts, &personas, &journey);
        let deals = self.deals(size.deals, &pipelines, &accounts, &contacts);
        self.activities(size.activities, &accounts, &contacts, &journey, &deals);
        let tickets = self.tickets(size.tickets, &accounts, &contacts);
        self.surveys(size.surveys, &accounts, &contacts, &tickets);
        self.periods(&accounts);
        self.docs
    }

    /// Thirteen months of acquisition spend and revenue (so CAC, LTV and a
    /// year-apart net revenue retention have inputs), with recurring revenue
    /// for the first 40 accounts. Arithmetic only: no generator draw.
    fn periods(&mut self, accounts: &[AccountInfo]) {
        let (y, m, _) = self.today.ymd();
        let current = y * 12 + (m as i64 - 1);
        for back in 0..13i64 {
            let k = current - back;
            let month = format!("{:04}-{:02}", k.div_euclid(12), k.rem_euclid(12) + 1);
            let mut p = PeriodFigures::new(&month);
            let vnd = |millions: i64| Money::new(millions * 1_000_000, Currency::Vnd);
            p.acquisition_spend = Some(vnd(40 + (k * 17) % 30));
            p.revenue = Some(vnd(2_400 + (k * 131) % 600));
            if back == 0 || back == 12 {
                for (i, a) in accounts.iter().take(40).enumerate() {
                    let base = 8 + (i as i64 * 7) % 20;
                    let amount = match (back, i % 8) {
                        (12, _) => base,
                        (_, 0) => continue,     // churned: no revenue now
                        (_, 1 | 2) => base + 4, // expanded
                        _ => base,
                    };
                    p.recurring_revenue.insert(a.id.clone(), vnd(amount));
                }
            }
            self.push(&month, &p, self.today, "sample");
        }
    }

    fn pipelines(&mut self) -> Vec<(String, Pipeline)> {
        let stage =
            |id: &str, name: &str, p: u8, rot: Option<u32>, wip: Option<u32>| PipelineStage {
                id: id.into(),
                name: name.into(),
                probability: p,
                rotting_days: rot,
                wip_limit: wip,
            };
        let new_business = Pipeline {
            name: "Bán hàng mới".into(),
            stages: vec![
                stage("lead", "Tiềm năng", 10, Some(14), None),
                stage("qualified", "Đủ điều kiện", 25, Some(14), None),
                stage("demo", "Demo sản phẩm", 40, Some(10), None),
                stage("proposal", "Báo giá", 60, Some(7), None),
                stage("negotiation", "Đàm phán", 80, Some(7), Some(150)),
            ],
            extra: Default::default(),
        };
        let renewals = Pipeline {
            name: "Renewals & upsell".into(),
            stages: vec![
                stage("identified", "Identified", 20, Some(21), None),
                stage("proposal", "Proposal", 50, Some(14), None),
                stage("commit", "Commit", 80, Some(7), Some(60)),
            ],
            extra: Default::default(),
        };
        let now = self.today;
        let out = vec![
            ("pipeline:new".to_string(), new_business),
            ("pipeline:renewal".to_string(), renewals),
        ];
        for (id, p) in &out {
            self.push(id.trim_start_matches("pipeline:"), p, now, "sample");
        }
        out
    }

    fn personas(&mut self, journey: &[String]) -> Vec<String> {
        let list = [
            (
                "it-admin",
                "Chị Lan — quản trị IT",
                "Mid-market",
                "admin",
                "Hà Nội",
                "30–39",
                "Phần mềm",
            ),
            (
                "owner",
                "Anh Hùng — chủ doanh nghiệp",
                "SMB",
                "buyer",
                "TP. Hồ Chí Minh",
                "40–49",
                "Bán lẻ",
            ),
            (
                "end-user",
                "Daily user — sales rep",
                "Enterprise",
                "user",
                "Singapore",
                "25–34",
                "Software",
            ),
            (
                "finance",
                "Finance approver",
                "Enterprise",
                "finance",
                "Sydney",
                "40–49",
                "Manufacturing",
            ),
        ];
        let now = self.today;
        let mut ids = Vec::new();
        for (id, name, segment, role, location, age, industry) in list {
            let p = Persona {
                name: name.into(),
                segment: segment.into(),
                role: role.into(),
                location: location.into(),
                age_group: age.into(),
                industry: industry.into(),
                goals: vec!["Giảm thời gian báo cáo".into(), "Close deals faster".into()],
                needs: vec!["Dữ liệu khách hàng ở một nơi".into()],
                barriers: vec!["Giá".into(), "Learning curve".into()],
                motivations: vec!["Được sếp ghi nhận".into()],
                interests: vec!["Tự động hoá".into(), "Báo cáo".into()],
                avatar: String::new(),
                rule: PersonaRule {
                    // The finance persona covers every finance approver by rule;
                    // the others cover unassigned contacts of their segment and role.
                    segments: if role == "finance" {
                        Vec::new()
                    } else {
                        vec![segment.into()]
                    },
                    industries: Vec::new(),
                    roles: vec![role.into()],
                },
                extra: Default::default(),
            };
            self.push(id, &p, now, "sample");
            ids.push(Persona::TYPE.doc_id(id));
        }
        let stages = StageSetPreset::Classic.stages();
        for (i, persona) in ids.iter().take(2).enumerate() {
            let vi = i == 0;
            let title = if vi {
                "Hành trình quản trị IT"
            } else {
                "Owner buying journey"
            };
            let mut map = super::journey::edit::new_map(title, persona, &stages);
            let content = if vi { MAP_VI } else { MAP_EN };
            for (lane, cells) in content {
                for (stage, text) in journey.iter().zip(cells.iter()) {
                    let _ = super::journey::edit::set_cell(&mut map, lane, stage, text);
                }
            }
            if vi {
                let c = journey
                    .iter()
                    .position(|s| s == "consideration")
                    .unwrap_or(1);
                super::journey::edit::add_step(&mut map, c, "So sánh giải pháp");
                super::journey::edit::add_step(&mut map, c, "Xem webinar");
            }
            let slots = super::journey::edit::slots(&map);
            let as_is = [0i8, -1, 1, -2, 0, 1, 2];
            let to_be = [1i8, 0, 1, 1, 1, 2, 2];
            for (k, slot) in slots.iter().enumerate() {
                map.emotion.insert(slot.key.clone(), as_is[k % as_is.len()]);
                if vi {
                    map.emotion_to_be
                        .insert(slot.key.clone(), to_be[k % to_be.len()]);
                }
            }
            self.push(&format!("m{}", i + 1), &map, now, "sample");
        }
        ids
    }

    fn person_name(&mut self, vietnamese: bool) -> String {
        if vietnamese {
            let f = *self.rng.pick(VI_FAMILY);
            let m = *self.rng.pick(VI_MIDDLE);
            let g = *self.rng.pick(VI_GIVEN);
            format!("{f} {m} {g}")
        } else {
            let f = *self.rng.pick(EN_FIRST);
            let l = *self.rng.pick(EN_LAST);
            format!("{f} {l}")
        }
    }

    fn accounts(&mut self, n: usize) -> Vec<AccountInfo> {
        let mut out = Vec::with_capacity(n);
        let (mut vi_i, mut en_i) = (0usize, 0usize);
        for i in 0..n {
            let vietnamese = i % 10 < 7;
            let name = if vietnamese {
                let core = VI_CORE[vi_i % VI_CORE.len()];
                let form = VI_FORM[(vi_i / VI_CORE.len()) % VI_FORM.len()];
                vi_i += 1;
                format!("{form} {core}")
            } else {
                let core = EN_CORE[en_i % EN_CORE.len()];
                let form = EN_FORM[(en_i / EN_CORE.len()) % EN_FORM.len()];
                en_i += 1;
                format!("{core} {form}")
            };
            let owner = *self.rng.pick(OWNERS);
            let a = Account {
                name,
                industry: if vietnamese {
                    self.rng.pick(VI_INDUSTRY).to_string()
                } else {
                    self.rng.pick(EN_INDUSTRY).to_string()
                },
                segment: self.rng.pick(SEGMENTS).to_string(),
                city: if vietnamese {
                    self.rng.pick(VI_CITIES).to_string()
                } else {
                    self.rng.pick(EN_CITIES).to_string()
                },
                region: if vietnamese {
                    "Việt Nam"
                } else {
                    "APAC & EU"
                }
                .into(),
                owner: owner.into(),
                source: self.rng.pick(SOURCES).to_string(),
                extra: Default::default(),
            };
            let local = format!("a{:04}", i + 1);
            let at = self.days_ago(700);
            self.push(&local, &a, at, owner);
            out.push(AccountInfo {
                id: Account::TYPE.doc_id(&local),
                vietnamese,
                owner,
            });
        }
        out
    }

    fn contacts(
        &mut self,
        n: usize,
        accounts: &[AccountInfo],
        personas: &[String],
        journey: &[String],
    ) -> Vec<ContactInfo> {
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let account = if i < accounts.len() {
                i
            } else {
                self.rng.below(accounts.len())
            };
            let acc = &accounts[account];
            let vietnamese = acc.vietnamese;
            let name = self.person_name(vietnamese);
            let local = format!("c{:05}", i + 1);
            let email_user: String = super::search::normalise(&name).replace(' ', ".");
            let role = *self.rng.pick(ROLES);
            let persona = match role {
                "admin" => Some(personas[0].clone()),
                "buyer" => Some(personas[1].clone()),
                "user" | "champion" => Some(personas[2].clone()),
                // Finance approvers are left to the finance persona's rule.
                _ => None,
            };
            let c = Contact {
                name,
                account_id: Some(acc.id.clone()),
                email: format!(
                    "{email_user}{}@{}",
                    i + 1,
                    if vietnamese {
                        "congty.vn"
                    } else {
                        "example.com"
                    }
                ),
                phone: if vietnamese {
                    format!("09{:08}", self.rng.range(0, 99_999_999))
                } else {
                    format!(
                        "+65 {:04} {:04}",
                        self.rng.range(0, 9999),
                        self.rng.range(0, 9999)
                    )
                },
                title: if vietnamese {
                    self.rng.pick(TITLES_VI).to_string()
                } else {
                    self.rng.pick(TITLES_EN).to_string()
                },
                role: role.into(),
                persona_id: persona,
                owner: String::new(),
                source: Some({
                    let (source, medium, campaign, path) = *self.rng.pick(LEAD_SOURCES);
                    LeadSource {
                        source: source.into(),
                        medium: medium.into(),
                        campaign: campaign.into(),
                        landing_page: format!("https://waypoint.example{path}"),
                        captured_at: self.days_ago(600),
                        ..Default::default()
                    }
                }),
                last_source: None,
                consents: vec![Consent {
                    purpose: if vietnamese {
                        "Tư vấn bán hàng"
                    } else {
                        "Sales follow-up"
                    }
                    .into(),
                    given_at: self.days_ago(600),
                    source: "web form".into(),
                }],
                extra: Default::default(),
            };
            let at = self.days_ago(600);
            let owner = acc.owner;
            self.push(&local, &c, at, owner);
            let id = Contact::TYPE.doc_id(&local);
            // Journey history: forward moves, sometimes a step back and forward again.
            let steps = 1 + self.rng.below(journey.len());
            let mut when = self.days_ago(540);
            let mut from: Option<String> = None;
            let mut path: Vec<usize> = (0..steps).collect();
            if steps >= 3 && self.rng.chance(20) {
                path.insert(steps - 1, steps - 3);
            }
            let last_stage = *path.last().unwrap_or(&0);
            let mut last_at = when;
            for (k, stage) in path.into_iter().enumerate() {
                last_at = when;
                let t = StageTransition {
                    subject: TransitionSubject::Contact,
                    subject_id: id.clone(),
                    account_id: Some(acc.id.clone()),
                    from_stage: from.clone(),
                    to_stage: journey[stage].clone(),
                    occurred_at: when,
                    by: owner.into(),
                    extra: Default::default(),
                };
                self.push(&format!("{local}-j{k}"), &t, when, owner);
                from = Some(journey[stage].clone());
                when = when.plus_days(self.rng.range(3, 40)).min(self.today);
            }
            out.push(ContactInfo {
                id,
                account,
                last_stage,
                last_at,
            });
        }
        out
    }

    fn deals(
        &mut self,
        n: usize,
        pipelines: &[(String, Pipeline)],
        accounts: &[AccountInfo],
        contacts: &[ContactInfo],
    ) -> std::collections::HashMap<String, Vec<String>> {
        let mut by_contact: std::collections::HashMap<String, Vec<String>> = Default::default();
        let ranks = rank::spread(None, None, n);
        for i in 0..n {
            let (pid, pipeline) = &pipelines[if i % 4 == 3 { 1 } else { 0 }];
            let contact = &contacts[self.rng.below(contacts.len())];
            let acc = &accounts[contact.account];
            let value = if acc.vietnamese {
                Money::new(self.rng.range(100, 20_000) * 100_000, Currency::Vnd)
            } else {
                Money::new(self.rng.range(10, 800) * 10_000, Currency::Usd)
            };
            let roll = self.rng.below(100);
            let status = match roll {
                0..=74 => DealStatus::Open,
                75..=89 => DealStatus::Won,
                _ => DealStatus::Lost,
            };
            let reached = match status {
                DealStatus::Open => self.rng.below(pipeline.stages.len()),
                _ => pipeline.stages.len() - 1 - self.rng.below(2.min(pipeline.stages.len())),
            };
            // Open deals are recent, so days in stage and rotting vary; closed ones go back a year.
            let created = if status == DealStatus::Open {
                self.days_ago(40 + 30 * reached as i64)
            } else {
                self.days_ago(400)
            };
            let local = format!("d{:05}", i + 1);
            let id = Deal::TYPE.doc_id(&local);
            let mut when = created;
            let mut from: Option<String> = None;
            // Most deals walk forward; some go back a stage and then skip one.
            let mut path: Vec<String> = pipeline.stages[..=reached]
                .iter()
                .map(|s| s.id.clone())
                .collect();
            if reached >= 2 && self.rng.chance(15) {
                let last = path.pop().unwrap_or_default();
                path.push(pipeline.stages[reached - 2].id.clone());
                path.push(last);
            }
            match status {
                DealStatus::Won => path.push(WON.into()),
                DealStatus::Lost => path.push(LOST.into()),
                DealStatus::Open => {}
            }
            let steps = path.len();
            for (k, to) in path.into_iter().enumerate() {
                let t = StageTransition {
                    subject: TransitionSubject::Deal,
                    subject_id: id.clone(),
                    account_id: Some(acc.id.clone()),
                    from_stage: from.clone(),
                    to_stage: to.clone(),
                    occurred_at: when,
                    by: acc.owner.into(),
                    extra: Default::default(),
                };
                self.push(&format!("{local}-s{k}"), &t, when, acc.owner);
                from = Some(to);
                if k + 1 < steps {
                    when = when.plus_days(self.rng.range(2, 30)).min(self.today);
                }
            }
            let title_vi = [
                "Triển khai CRM",
                "Gói phần mềm bán lẻ",
                "Mở rộng 50 người dùng",
                "Hợp đồng bảo trì",
            ];
            let title_en = [
                "CRM rollout",
                "Retail suite",
                "50-seat expansion",
                "Support contract",
            ];
            let title = if acc.vietnamese {
                self.rng.pick(&title_vi).to_string()
            } else {
                self.rng.pick(&title_en).to_string()
            };
            let d = Deal {
                title: format!("{title} #{}", i + 1),
                pipeline_id: pid.clone(),
                stage_id: pipeline.stages[reached].id.clone(),
                status,
                value,
                probability: if self.rng.chance(10) {
                    Some(self.rng.range(5, 95) as u8)
                } else {
                    None
                },
                account_id: Some(acc.id.clone()),
                contact_id: Some(contact.id.clone()),
                owner: acc.owner.into(),
                expected_close: Some(self.today.plus_days(self.rng.range(-30, 180))),
                stage_entered_at: when,
                lost_reason: (status == DealStatus::Lost).then(|| "Giá cao / price".to_string()),
                // Every 9th renewal was found by support (no generator draw).
                support_lead: (pid == "pipeline:renewal" && i % 9 == 0).then(|| SupportLead {
                    ticket_id: None,
                    kind: if i % 2 == 0 {
                        LeadKind::Upsell
                    } else {
                        LeadKind::CrossSell
                    },
                    note: if acc.vietnamese {
                        "Khách hỏi thêm người dùng khi gọi hỗ trợ".into()
                    } else {
                        "Asked about more seats on a support call".into()
                    },
                    budget_hint: None,
                    flagged_by: SUPPORT[i % SUPPORT.len()].into(),
                    flagged_at: created,
                }),
                rank: Some(ranks[i].clone()),
                extra: Default::default(),
            };
            self.push(&local, &d, when, acc.owner);
            by_contact.entry(contact.id.clone()).or_default().push(id);
        }
        by_contact
    }

    fn activities(
        &mut self,
        n: usize,
        accounts: &[AccountInfo],
        contacts: &[ContactInfo],
        journey: &[String],
        deals: &std::collections::HashMap<String, Vec<String>>,
    ) {
        use ActivityKind as K;
        let kinds = &K::ALL[..10];
        // The last 1% are churns of contacts who reached retention (docs/domain.md#churn).
        let leavers: Vec<&ContactInfo> = contacts.iter().filter(|c| c.last_stage >= 3).collect();
        let churns = if leavers.is_empty() || journey.len() < 4 {
            0
        } else {
            n / 100
        };
        for i in 0..n {
            if i >= n - churns {
                let c = leavers[self.rng.below(leavers.len())];
                self.churn(i, c, &accounts[c.account], &journey[3]);
                continue;
            }
            let contact = &contacts[self.rng.below(contacts.len())];
            let acc = &accounts[contact.account];
            let kind = *self.rng.pick(kinds);
            let channel = match kind {
                K::Call => Channel::Phone,
                K::Email => Channel::Email,
                K::Meeting => *self
                    .rng
                    .pick(&[Channel::Demo, Channel::Store, Channel::Field]),
                K::FieldVisit => Channel::Field,
                K::Note => Channel::Support,
                K::Chat => Channel::LiveChat,
                K::Webinar => Channel::Webinar,
                K::AdClick => Channel::Social,
                K::PageView => *self.rng.pick(&[
                    Channel::Website,
                    Channel::LandingPage,
                    Channel::Blog,
                    Channel::KnowledgeBase,
                ]),
                K::Purchase => *self
                    .rng
                    .pick(&[Channel::Website, Channel::Store, Channel::App]),
                K::Churn => Channel::Support,
            };
            let stage = journey[match kind {
                K::AdClick | K::PageView => self.rng.below(2),
                K::Purchase => 2,
                _ => self.rng.below(journey.len()),
            }]
            .clone();
            let emotion = [-2i8, -1, 0, 0, 1, 1, 2][self.rng.below(7)];
            let notes = if acc.vietnamese { NOTES_VI } else { NOTES_EN };
            let a = Activity {
                kind,
                channel,
                journey_stage: stage,
                occurred_at: self.days_ago(540),
                emotion,
                notes: self.rng.pick(notes).to_string(),
                author: acc.owner.into(),
                contact_id: Some(contact.id.clone()),
                account_id: Some(acc.id.clone()),
                // Sales touchpoints often concern one of the contact's deals.
                deal_id: match (kind, deals.get(&contact.id)) {
                    (K::Call | K::Email | K::Meeting | K::FieldVisit | K::Note, Some(ds))
                        if self.rng.chance(60) =>
                    {
                        Some(self.rng.pick(ds).clone())
                    }
                    _ => None,
                },
                reason: String::new(),
                location: (kind == K::FieldVisit).then(|| GeoPoint {
                    lat: 10.7 + self.rng.range(0, 1000) as f64 / 1000.0,
                    lon: 106.6 + self.rng.range(0, 1000) as f64 / 1000.0,
                }),
                extra: Default::default(),
            };
            let at = a.occurred_at;
            self.push(&format!("e{:06}", i + 1), &a, at, acc.owner);
        }
    }

    fn churn(&mut self, i: usize, c: &ContactInfo, acc: &AccountInfo, retention: &str) {
        let reasons: &[&str] = if acc.vietnamese {
            &[
                "Giá cao",
                "Thiếu tính năng báo cáo",
                "Chuyển sang đối thủ",
                "Giá cao",
            ]
        } else {
            &["Price", "Missing reports", "Moved to a competitor", "Price"]
        };
        let reason = self.rng.pick(reasons).to_string();
        let at = c.last_at.plus_days(self.rng.range(5, 120)).min(self.today);
        let a = Activity {
            kind: ActivityKind::Churn,
            channel: Channel::Support,
            journey_stage: retention.to_string(),
            occurred_at: at,
            emotion: -1,
            notes: String::new(),
            author: acc.owner.into(),
            contact_id: Some(c.id.clone()),
            account_id: Some(acc.id.clone()),
            deal_id: None,
            reason,
            location: None,
            extra: Default::default(),
        };
        self.push(&format!("e{:06}", i + 1), &a, at, acc.owner);
    }

    fn tickets(
        &mut self,
        n: usize,
        accounts: &[AccountInfo],
        contacts: &[ContactInfo],
    ) -> Vec<(String, String, usize, Option<Timestamp>)> {
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let contact = &contacts[self.rng.below(contacts.len())];
            let acc = &accounts[contact.account];
            let priority = *self.rng.pick(&[
                TicketPriority::Low,
                TicketPriority::Normal,
                TicketPriority::Normal,
                TicketPriority::High,
                TicketPriority::Urgent,
            ]);
            let (first, resolve) = match priority {
                TicketPriority::Urgent => (30, 240),
                TicketPriority::High => (60, 480),
                TicketPriority::Normal => (240, 1440),
                TicketPriority::Low => (480, 4320),
            };
            let opened = self.days_ago(365);
            // The same draws as ever, scaled to the ticket's targets: most are
            // answered and resolved in time, about one in six is late.
            let scale = |draw: i64, lo: i64, hi: i64, target: u32| {
                lo + (draw - lo) * (i64::from(target) * 6 / 5) / (hi - lo)
            };
            let responded = opened.plus_ms(scale(self.rng.range(5, 600), 5, 600, first) * 60_000);
            let resolved = self.rng.chance(80).then(|| {
                let took = scale(self.rng.range(10, 5000), 10, 5000, resolve);
                responded.plus_ms(took * 60_000)
            });
            let subjects = if acc.vietnamese {
                [
                    "Không đăng nhập được",
                    "Lỗi xuất hóa đơn",
                    "Cần hướng dẫn báo cáo",
                    "Đồng bộ chậm",
                ]
            } else {
                [
                    "Cannot log in",
                    "Invoice export fails",
                    "How do I build a report?",
                    "Sync is slow",
                ]
            };
            // Open tickets are recent (an open ticket from last year would only
            // say "breached"); they and the workflow below draw nothing from the
            // generator, so the rest of the sample stays as it was.
            let (opened, responded) = match resolved {
                Some(_) => (opened, responded),
                None => {
                    // Opened up to 1.3× the resolution target ago: most are in time, some breached.
                    let age = (i as i64 * 7_919) % (resolve as i64 * 13 / 10) + 5;
                    let o = self.now.plus_ms(-age * 60_000);
                    (o, o.plus_ms(((i as i64 % 9) * 20 + 10) * 60_000))
                }
            };
            let cap = if resolved.is_some() {
                self.today
            } else {
                self.now
            };
            let first_response_at = Some(responded.min(cap.max(opened)))
                .filter(|r| resolved.is_some() || (*r < self.now && i % 4 != 0));
            let resolved_at = resolved.map(|r| r.min(self.today.max(opened)));
            let assignee = SUPPORT[i % SUPPORT.len()];
            let mut log = Vec::new();
            let change = |to, at| TicketStatusChange {
                to,
                at,
                by: assignee.into(),
            };
            if let Some(r) = first_response_at {
                log.push(change(TicketStatus::Open, r));
                // Some wait on the customer for a while.
                if i % 5 == 0 {
                    let wait = r.plus_ms(20 * 60_000);
                    if resolved_at.is_none_or(|x| wait < x) && wait < self.now {
                        log.push(change(TicketStatus::PendingCustomer, wait));
                        if let Some(x) = resolved_at {
                            let back = wait.plus_ms((x.0 - wait.0) / 2);
                            log.push(change(TicketStatus::Open, back));
                        }
                    }
                }
            }
            if let Some(x) = resolved_at {
                log.push(change(TicketStatus::Resolved, x));
            }
            let t = Ticket {
                subject: self.rng.pick(&subjects).to_string(),
                description: String::new(),
                channel: Some(
                    [
                        Channel::Email,
                        Channel::Phone,
                        Channel::LiveChat,
                        Channel::Support,
                    ][i % 4],
                ),
                status: log.last().map_or(TicketStatus::New, |c| c.to),
                assignee: assignee.into(),
                status_log: log,
                csat_requested_at: resolved_at.filter(|_| i % 3 == 0),
                priority,
                account_id: Some(acc.id.clone()),
                contact_id: Some(contact.id.clone()),
                sla_first_response_min: first,
                sla_resolution_min: resolve,
                opened_at: opened,
                first_response_at,
                resolved_at,
                extra: Default::default(),
            };
            let local = format!("t{:04}", i + 1);
            let at = t.resolved_at.unwrap_or(opened);
            self.push(&local, &t, at, acc.owner);
            out.push((
                Ticket::TYPE.doc_id(&local),
                contact.id.clone(),
                contact.account,
                t.resolved_at,
            ));
        }
        out
    }

    fn surveys(
        &mut self,
        n: usize,
        accounts: &[AccountInfo],
        contacts: &[ContactInfo],
        tickets: &[(String, String, usize, Option<Timestamp>)],
    ) {
        let resolved: Vec<_> = tickets.iter().filter(|t| t.3.is_some()).collect();
        for i in 0..n {
            let (kind, contact_id, account, ticket, at) = if i % 3 == 0 && !resolved.is_empty() {
                let t = resolved[self.rng.below(resolved.len())];
                (
                    SurveyKind::Csat,
                    t.1.clone(),
                    t.2,
                    Some(t.0.clone()),
                    t.3.unwrap_or(self.today),
                )
            } else {
                let c = &contacts[self.rng.below(contacts.len())];
                let kind = if i % 3 == 1 {
                    SurveyKind::Nps
                } else {
                    SurveyKind::Ces
                };
                (kind, c.id.clone(), c.account, None, self.days_ago(365))
            };
            let score = match kind {
                SurveyKind::Nps => [3u8, 6, 7, 8, 8, 9, 9, 10, 10, 10][self.rng.below(10)],
                SurveyKind::Csat => [2u8, 3, 4, 4, 5, 5][self.rng.below(6)],
                SurveyKind::Ces => [1u8, 2, 2, 3, 4, 5, 6][self.rng.below(7)],
            };
            let s = SurveyResponse {
                kind,
                score,
                contact_id,
                account_id: Some(accounts[account].id.clone()),
                ticket_id: ticket,
                answered_at: at,
                journey_stage: None,
                channel: None,
                comment: String::new(),
                extra: Default::default(),
            };
            self.push(&format!("s{:05}", i + 1), &s, at, "survey");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashSet};

    fn today() -> Timestamp {
        Timestamp::from_ymd(2026, 11, 22).unwrap()
    }

    fn counts(docs: &[Doc]) -> BTreeMap<RecordType, usize> {
        let mut m = BTreeMap::new();
        for d in docs {
            *m.entry(d.record_type().unwrap()).or_default() += 1;
        }
        m
    }

    #[test]
    fn full_size_matches_the_promised_workspace() {
        let docs = generate(7, today(), SampleSize::FULL);
        let c = counts(&docs);
        assert_eq!(c[&RecordType::Account], 200);
        assert_eq!(c[&RecordType::Contact], 1_000);
        assert_eq!(c[&RecordType::Deal], 2_000);
        assert_eq!(c[&RecordType::Activity], 20_000);
        assert_eq!(c[&RecordType::Pipeline], 2);
        assert_eq!(c[&RecordType::Ticket], 400);
        assert_eq!(c[&RecordType::SurveyResponse], 1_500);
        assert!(c[&RecordType::StageTransition] > 3_000);
        let ids: HashSet<_> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids.len(), docs.len(), "ids are unique");
        let names: HashSet<String> = docs
            .iter()
            .filter_map(|d| d.record::<Account>().ok())
            .map(|a| a.name)
            .collect();
        assert_eq!(names.len(), 200, "account names are unique");
        for d in &docs {
            d.validate().unwrap();
        }
        let currencies: HashSet<_> = docs
            .iter()
            .filter_map(|d| d.record::<Deal>().ok())
            .map(|d| d.value.currency)
            .collect();
        assert!(currencies.contains(&Currency::Vnd) && currencies.contains(&Currency::Usd));
    }

    #[test]
    fn board_workspace_puts_every_deal_in_the_first_pipeline() {
        let docs = board_workspace(3, today(), 500);
        let deals: Vec<Deal> = docs.iter().filter_map(|d| d.record().ok()).collect();
        assert_eq!(deals.len(), 500);
        assert!(deals
            .iter()
            .all(|d| d.pipeline_id == "pipeline:new" && d.rank.is_some()));
    }

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        let a = generate(1, today(), SampleSize::SMALL);
        assert_eq!(a, generate(1, today(), SampleSize::SMALL));
        assert_ne!(a, generate(2, today(), SampleSize::SMALL));
    }

    #[test]
    fn names_are_vietnamese_and_english_and_searchable_without_marks() {
        let docs = generate(1, today(), SampleSize::SMALL);
        let names: Vec<String> = docs
            .iter()
            .filter_map(|d| d.record::<Contact>().ok())
            .map(|c| c.name)
            .collect();
        assert!(names.iter().any(|n| n
            .chars()
            .any(|c| "ễăđâơưộ".contains(c) || VI_FAMILY.iter().any(|f| n.starts_with(f)))));
        assert!(names
            .iter()
            .any(|n| EN_FIRST.iter().any(|f| n.starts_with(f))));
        let deals: Vec<Deal> = docs.iter().filter_map(|d| d.record().ok()).collect();
        let pipelines: Vec<(String, Pipeline)> = docs
            .iter()
            .filter_map(|d| d.record::<Pipeline>().ok().map(|p| (d.id.clone(), p)))
            .collect();
        for d in deals {
            let p = &pipelines
                .iter()
                .find(|(id, _)| *id == d.pipeline_id)
                .unwrap()
                .1;
            assert!(d.validate_in(p).is_empty(), "{d:?}");
        }
    }
}
