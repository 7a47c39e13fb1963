//! [`compute`]: one pass over the member contacts' paths, activities and
//! survey answers, accumulating per-stage counters, then turning them into
//! [`StageFigures`]. Contacts are visited in index order, so every drill-down
//! list comes out sorted and deduplicated without sorting.

use super::index::{Act, Answer, JourneyIndex, Step, NO_REASON, NO_STAGE};
use super::scores::{median, Histogram};
use super::{DateRange, Figure, PersonaFigures, StageFigures};
use crate::domain::records::{ActivityKind, Channel};

const MS_PER_DAY: f64 = 86_400_000.0;

/// Computes every figure of the given member set over `range`. This is what
/// re-runs after a filter change, so it only walks the members' slices of the
/// index, with no string work; `members` may be unsorted or repeat an index,
/// and indexes past the index's contacts are ignored.
pub fn compute(index: &JourneyIndex, members: &[u32], range: DateRange) -> PersonaFigures {
    let stages = index.stage_ids().len();
    let mut acc = Acc::new(stages);
    let mut walk = PathWalk::new(stages);
    let mut count = 0;
    for c in member_set(index, members) {
        count += 1;
        walk.run(c, index.paths.of(c), range, &mut acc.stages);
        acc.activities(c, index.acts.of(c), range, index.reasons.len());
        acc.answers(c, index.answers.of(c), range);
    }
    acc.finish(index, count, range)
}

/// Current-stage distribution of the given contacts: `(stage id, count)` for
/// each workspace stage in order, then `("", count)` for contacts with no
/// stage history (or whose latest transition is to a stage outside the
/// workspace's). Each contact is counted once.
pub fn stage_distribution(index: &JourneyIndex, members: &[u32]) -> Vec<(String, u32)> {
    let ids = index.stage_ids();
    let mut counts = vec![0u32; ids.len() + 1];
    for c in member_set(index, members) {
        let k = match index.paths.of(c).last() {
            Some(s) if s.stage != NO_STAGE => usize::from(s.stage),
            _ => ids.len(),
        };
        counts[k] += 1;
    }
    let labels = ids.iter().cloned().chain(std::iter::once(String::new()));
    labels.zip(counts).collect()
}

/// The distinct valid contact indexes of `members`, ascending.
fn member_set(index: &JourneyIndex, members: &[u32]) -> impl Iterator<Item = u32> {
    let mut bitmap = vec![false; index.contact_count()];
    for &c in members {
        if let Some(b) = bitmap.get_mut(c as usize) {
            *b = true;
        }
    }
    (0u32..)
        .zip(bitmap)
        .filter_map(|(c, member)| member.then_some(c))
}

/// Pushes `c` unless it is already the last entry (contacts arrive in ascending order).
fn push_once(list: &mut Vec<u32>, c: u32) {
    if list.last() != Some(&c) {
        list.push(c);
    }
}

/// Per-stage counters.
#[derive(Default)]
struct StageAcc {
    reached: Vec<u32>,
    converted: Vec<u32>,
    backward: Vec<u32>,
    repeated: Vec<u32>,
    skipped: Vec<u32>,
    /// Contacts that reached or skipped the stage.
    passed: u32,
    stays: Vec<f64>,
    stay_contacts: Vec<u32>,
    emotion_sum: i64,
    emotion_n: u32,
    emotion_contacts: Vec<u32>,
    kinds: [u32; ActivityKind::ALL.len()],
    channels: [u32; Channel::ALL.len()],
    /// Churns by interned reason; allocated at the first churn.
    reasons: Vec<u32>,
    surveys: Surveys,
}

/// NPS, CSAT and CES histograms with their respondents.
#[derive(Default)]
struct Surveys {
    hist: [Histogram; 3],
    contacts: [Vec<u32>; 3],
}

impl Surveys {
    fn add(&mut self, c: u32, a: &Answer) {
        let k = usize::from(a.kind);
        self.hist[k].add(a.score);
        push_once(&mut self.contacts[k], c);
    }

    /// The NPS, CSAT and CES figures.
    fn figures(&mut self) -> [Figure; 3] {
        let value = [self.hist[0].nps(), self.hist[1].csat(), self.hist[2].ces()];
        std::array::from_fn(|k| Figure {
            value: value[k],
            based_on: self.hist[k].total() as u32,
            contacts: std::mem::take(&mut self.contacts[k]),
        })
    }
}

/// Everything accumulated so far.
struct Acc {
    stages: Vec<StageAcc>,
    all: Surveys,
}

impl Acc {
    fn new(stages: usize) -> Self {
        Acc {
            stages: (0..stages).map(|_| StageAcc::default()).collect(),
            all: Surveys::default(),
        }
    }

    fn activities(&mut self, c: u32, acts: &[Act], range: DateRange, reasons: usize) {
        for a in acts.iter().filter(|a| range.contains_ms(a.at)) {
            let s = &mut self.stages[usize::from(a.stage)];
            s.emotion_sum += i64::from(a.emotion);
            s.emotion_n += 1;
            push_once(&mut s.emotion_contacts, c);
            if a.reason == NO_REASON {
                s.kinds[usize::from(a.kind)] += 1;
                s.channels[usize::from(a.channel)] += 1;
            } else {
                if s.reasons.is_empty() {
                    s.reasons = vec![0; reasons];
                }
                s.reasons[a.reason as usize] += 1;
            }
        }
    }

    fn answers(&mut self, c: u32, answers: &[Answer], range: DateRange) {
        for a in answers.iter().filter(|a| range.contains_ms(a.at)) {
            self.all.add(c, a);
            if a.stage != NO_STAGE {
                self.stages[usize::from(a.stage)].surveys.add(c, a);
            }
        }
    }

    fn finish(mut self, index: &JourneyIndex, members: u32, range: DateRange) -> PersonaFigures {
        let last = self.stages.len().saturating_sub(1);
        let stages = self
            .stages
            .iter_mut()
            .zip(index.stage_ids())
            .enumerate()
            .map(|(k, (s, id))| s.figures(id, k == last, &index.reasons))
            .collect();
        let [nps, csat, ces] = self.all.figures();
        PersonaFigures {
            members,
            stages,
            nps,
            csat,
            ces,
            range,
        }
    }
}

impl StageAcc {
    fn figures(&mut self, id: &str, last: bool, labels: &[String]) -> StageFigures {
        let reached = self.reached.len() as u32;
        let [nps, csat, ces] = self.surveys.figures();
        let mut stays = std::mem::take(&mut self.stays);
        StageFigures {
            stage: id.to_string(),
            conversion: if last {
                Figure::default()
            } else {
                share(std::mem::take(&mut self.converted), reached)
            },
            median_days: Figure {
                value: median(&mut stays),
                based_on: stays.len() as u32,
                contacts: std::mem::take(&mut self.stay_contacts),
            },
            nps,
            csat,
            ces,
            mean_emotion: Figure {
                value: (self.emotion_n > 0)
                    .then(|| self.emotion_sum as f64 / f64::from(self.emotion_n)),
                based_on: self.emotion_n,
                contacts: std::mem::take(&mut self.emotion_contacts),
            },
            touchpoints: ranked(ActivityKind::ALL.iter().copied().zip(self.kinds)),
            channels: ranked(Channel::ALL.iter().copied().zip(self.channels)),
            churn_reasons: {
                let mut r = ranked(labels.iter().cloned().zip(self.reasons.iter().copied()));
                r.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                r
            },
            backward: share(std::mem::take(&mut self.backward), reached),
            repeated: share(std::mem::take(&mut self.repeated), reached),
            skipped: share(std::mem::take(&mut self.skipped), self.passed),
            reached: Figure {
                value: Some(f64::from(reached)),
                based_on: reached,
                contacts: std::mem::take(&mut self.reached),
            },
        }
    }
}

/// The share of `of` contacts among `among`; `None` when `among` is 0.
fn share(contacts: Vec<u32>, among: u32) -> Figure {
    Figure {
        value: (among > 0).then(|| contacts.len() as f64 / f64::from(among)),
        based_on: among,
        contacts,
    }
}

/// Non-zero counts, most first; ties keep the input order.
fn ranked<T>(counts: impl Iterator<Item = (T, u32)>) -> Vec<(T, u32)> {
    let mut v: Vec<(T, u32)> = counts.filter(|(_, n)| *n > 0).collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    v
}

/// Per-stage flags of one contact's walk.
const REACHED: u8 = 1;
const CONVERTED: u8 = 2;
const BACKWARD: u8 = 4;
const REPEATED: u8 = 8;
const SKIPPED: u8 = 16;

/// Scratch space for walking one contact's path, reused across contacts.
struct PathWalk {
    flags: Vec<u8>,
    /// Path position of the first in-range entry per stage.
    first_in: Vec<u32>,
    /// Whether the stage was entered earlier on the path.
    seen: Vec<bool>,
}

impl PathWalk {
    fn new(stages: usize) -> Self {
        PathWalk {
            flags: vec![0; stages],
            first_in: vec![u32::MAX; stages],
            seen: vec![false; stages],
        }
    }

    /// Walks contact `c`'s path and adds it to the per-stage counters.
    fn run(&mut self, c: u32, path: &[Step], range: DateRange, out: &mut [StageAcc]) {
        let mut prev = NO_STAGE;
        for (i, step) in path.iter().enumerate() {
            let st = step.stage;
            let in_range = range.contains_ms(step.at);
            if st != NO_STAGE {
                let k = usize::from(st);
                if in_range {
                    self.flags[k] |= REACHED;
                    if self.first_in[k] == u32::MAX {
                        self.first_in[k] = i as u32;
                    }
                    if self.seen[k] {
                        self.flags[k] |= REPEATED;
                    }
                    if prev != NO_STAGE && prev > st {
                        self.flags[k] |= BACKWARD;
                    }
                    if prev != NO_STAGE && st > prev + 1 {
                        for f in &mut self.flags[usize::from(prev) + 1..k] {
                            *f |= SKIPPED;
                        }
                    }
                    if let Some(next) = path.get(i + 1) {
                        out[k].stays.push((next.at - step.at) as f64 / MS_PER_DAY);
                        push_once(&mut out[k].stay_contacts, c);
                    }
                }
                self.seen[k] = true;
            }
            prev = st;
        }
        for (i, step) in path.iter().enumerate() {
            let st = usize::from(step.stage);
            if step.stage != NO_STAGE && st > 0 && range.before_end_ms(step.at) {
                let first = self.first_in[st - 1];
                if first != u32::MAX && (first as usize) < i {
                    self.flags[st - 1] |= CONVERTED;
                }
            }
        }
        for (k, s) in out.iter_mut().enumerate() {
            let f = std::mem::take(&mut self.flags[k]);
            self.first_in[k] = u32::MAX;
            self.seen[k] = false;
            if f == 0 {
                continue;
            }
            let lists = [
                (REACHED, &mut s.reached),
                (CONVERTED, &mut s.converted),
                (BACKWARD, &mut s.backward),
                (REPEATED, &mut s.repeated),
                (SKIPPED, &mut s.skipped),
            ];
            for (flag, list) in lists {
                if f & flag != 0 {
                    list.push(c);
                }
            }
            if f & (REACHED | SKIPPED) != 0 {
                s.passed += 1;
            }
        }
    }
}
