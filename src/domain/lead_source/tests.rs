use super::*;

fn at() -> Timestamp {
    Timestamp::from_ymd(2026, 11, 26).unwrap()
}

fn visit(landing: &str, referrer: Option<&str>) -> LeadSource {
    let l = WebUrl::parse(landing).unwrap();
    let r = referrer.map(|r| WebUrl::parse(r).unwrap());
    source_of_visit(&l, r.as_ref(), at())
}

#[test]
fn utm_parameters_become_the_source() {
    let s = visit(
        "https://waypoint.example/landing/crm?utm_source=Facebook&utm_medium=cpc&utm_campaign=T%E1%BA%BFt+2027&utm_term=crm%20vi%E1%BB%87t&utm_content=video#top",
        Some("https://l.facebook.com/"),
    );
    assert_eq!(s.source, "facebook");
    assert_eq!(s.medium, "cpc");
    assert_eq!(s.campaign, "Tết 2027");
    assert_eq!(s.term, "crm việt");
    assert_eq!(s.content, "video");
    assert_eq!(s.landing_page, "https://waypoint.example/landing/crm");
    assert_eq!(s.referrer, "https://l.facebook.com/");
    assert_eq!(s.captured_at, at());
}

#[test]
fn without_utm_the_referrer_decides() {
    let google = visit(
        "https://a.vn/",
        Some("https://www.google.com.vn/search?q=crm"),
    );
    assert_eq!(
        (google.source.as_str(), google.medium.as_str()),
        ("google", "organic")
    );
    assert_eq!(
        google.referrer, "https://www.google.com.vn/search",
        "query of the referrer is not kept"
    );
    let coccoc = visit("https://a.vn/", Some("https://coccoc.com/search"));
    assert_eq!(coccoc.source, "coccoc");
    let zalo = visit("https://a.vn/", Some("https://chat.zalo.me/"));
    assert_eq!(
        (zalo.source.as_str(), zalo.medium.as_str()),
        ("zalo", "social")
    );
    let blog = visit("https://a.vn/", Some("https://www.blog.example.org/post/1"));
    assert_eq!(
        (blog.source.as_str(), blog.medium.as_str()),
        ("blog.example.org", "referral")
    );
    let direct = visit("https://a.vn/pricing", None);
    assert_eq!(
        (direct.source.as_str(), direct.medium.as_str()),
        ("(direct)", "(none)")
    );
    let internal = visit("https://a.vn/pricing", Some("https://a.vn/"));
    assert_eq!(
        internal.source, "(direct)",
        "navigation inside the site is not a referral"
    );
}

#[test]
fn click_ids_stand_in_for_missing_utm() {
    assert_eq!(visit("https://a.vn/?gclid=abc", None).medium, "cpc");
    assert_eq!(visit("https://a.vn/?fbclid=abc", None).source, "facebook");
    assert!(has_campaign_params(
        &WebUrl::parse("https://a.vn/?fbclid=1").unwrap()
    ));
    assert!(!has_campaign_params(
        &WebUrl::parse("https://a.vn/?page=2").unwrap()
    ));
    assert!(!has_campaign_params(
        &WebUrl::parse("https://a.vn/?utm_source=").unwrap()
    ));
}

#[test]
fn hostile_and_broken_urls_are_refused_or_defused() {
    assert_eq!(WebUrl::parse(""), Err(UrlError::Empty));
    assert_eq!(WebUrl::parse("   "), Err(UrlError::Empty));
    assert_eq!(WebUrl::parse("javascript:alert(1)"), Err(UrlError::NotHttp));
    assert_eq!(WebUrl::parse("JaVaScRiPt://x"), Err(UrlError::NotHttp));
    assert_eq!(
        WebUrl::parse("data:text/html,<script>"),
        Err(UrlError::NotHttp)
    );
    assert_eq!(WebUrl::parse("ftp://a.vn/"), Err(UrlError::NotHttp));
    assert_eq!(WebUrl::parse("facebook"), Err(UrlError::NotHttp));
    assert_eq!(WebUrl::parse("https://"), Err(UrlError::NoHost));
    assert_eq!(
        WebUrl::parse("https://exa mple.com/"),
        Err(UrlError::NoHost)
    );
    assert_eq!(WebUrl::parse("https://<script>/"), Err(UrlError::NoHost));
    let long = format!("https://a.vn/?utm_source={}", "x".repeat(MAX_URL_LEN));
    assert_eq!(WebUrl::parse(&long), Err(UrlError::TooLong));

    // Credentials and ports never reach the host; bad escapes stay as typed;
    // control characters and bidi overrides are dropped; values are capped.
    let u = WebUrl::parse(&format!(
        "HTTPS://user:pw@Shop.VN:8443/a%2/b?utm_source=fb%00%0A%E2%80%AEevil&utm_campaign=%ZZ%&utm_term={}&utm_content=%FF",
        "t".repeat(500)
    ))
    .unwrap();
    assert_eq!(u.host, "shop.vn");
    assert_eq!(u.page, "https://shop.vn:8443/a%2/b");
    assert_eq!(u.param("utm_source"), Some("fbevil"));
    assert_eq!(u.param("UTM_CAMPAIGN"), Some("%ZZ%"));
    assert_eq!(u.param("utm_term").unwrap().chars().count(), MAX_VALUE_LEN);
    assert_eq!(u.param("utm_content"), Some("\u{fffd}"));
    let many: String = (0..500).map(|i| format!("k{i}=v&")).collect();
    assert_eq!(
        parse_query(&many).len(),
        100,
        "at most 100 parameters are read"
    );
}

#[test]
fn default_rules_classify_common_sources() {
    let rules = default_source_rules();
    let group = |src: &str, med: &str| {
        classify(
            Some(&LeadSource {
                source: src.into(),
                medium: med.into(),
                ..Default::default()
            }),
            &rules,
        )
    };
    assert_eq!(group("facebook", "cpc"), "paid_social");
    assert_eq!(group("zalo", "paid_social"), "paid_social");
    assert_eq!(group("google", "cpc"), "paid_search");
    assert_eq!(group("google", "organic"), "organic_search");
    assert_eq!(group("facebook", "social"), "social");
    assert_eq!(group("newsletter", "Email"), "email");
    assert_eq!(group("partner.vn", "referral"), "referral");
    assert_eq!(group("(direct)", "(none)"), "direct");
    assert_eq!(group("radio", "offline"), OTHER_GROUP);
    assert_eq!(classify(None, &rules), UNKNOWN_GROUP);
    assert_eq!(
        classify(Some(&LeadSource::default()), &rules),
        UNKNOWN_GROUP
    );
}

#[test]
fn patterns_are_globs_with_alternatives_ignoring_case_and_marks() {
    assert!(pattern_matches("", "anything"));
    assert!(pattern_matches("face*", "Facebook"));
    assert!(pattern_matches("*book", "facebook"));
    assert!(pattern_matches("f*c*k", "facebook"));
    assert!(!pattern_matches("f*z*k", "facebook"));
    assert!(pattern_matches("hội thảo|webinar", "Hoi Thao"));
    assert!(pattern_matches("e-mail", "E mail"));
    assert!(
        !pattern_matches("mail", "email"),
        "no wildcard means the whole value"
    );
    let first_match = vec![
        SourceRule {
            group: "a".into(),
            source: "x*".into(),
            medium: "".into(),
        },
        SourceRule {
            group: "b".into(),
            source: "*".into(),
            medium: "".into(),
        },
    ];
    let s = |src: &str| LeadSource {
        source: src.into(),
        medium: "m".into(),
        ..Default::default()
    };
    assert_eq!(classify(Some(&s("xy")), &first_match), "a");
    assert_eq!(classify(Some(&s("yx")), &first_match), "b");
}
