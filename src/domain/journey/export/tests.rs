use super::*;
use crate::domain::journey::metrics::{Figure, StageFigures};
use crate::domain::records::{Lane, MapComment, MapStep, PersonaRule};
use serde_json::json;

/// A shown column of the workspace stage `id`, without steps.
fn column(id: &str) -> MapColumn {
    MapColumn {
        id: id.into(),
        stage: id.into(),
        ..Default::default()
    }
}

fn step(id: &str, name: &str) -> MapStep {
    MapStep {
        id: id.into(),
        name: name.into(),
    }
}

/// A lane without a title, not live.
fn lane(id: &str, kind: LaneKind) -> Lane {
    Lane {
        id: id.into(),
        kind,
        ..Default::default()
    }
}

/// Three columns (the middle one hidden), the last split into two steps; four
/// lanes; both curves.
fn small_map() -> JourneyMap {
    let mut m = JourneyMap {
        title: "Hành trình của chị Lan".into(),
        persona_id: "persona:lan".into(),
        columns: vec![
            column("awareness"),
            MapColumn {
                hidden: true,
                ..column("consideration")
            },
            MapColumn {
                steps: vec![step("s1", "Đọc đánh giá"), step("s2", "Xem demo")],
                ..column("decision")
            },
        ],
        lanes: vec![
            lane("mindset", LaneKind::Mindset),
            lane("emotion", LaneKind::Emotion),
            Lane {
                live: true,
                ..lane("touchpoints", LaneKind::Touchpoints)
            },
            Lane {
                title: "Ghi chú".into(),
                ..lane("lane-1", LaneKind::Custom)
            },
        ],
        ..Default::default()
    };
    for (k, v) in [
        ("mindset/awareness", "**Tò mò** về giá"),
        ("mindset/consideration", "hidden secret"),
        ("touchpoints/decision", "=cmd|' /C calc'!A0"),
        ("lane-1/decision", "- a\n- b"),
    ] {
        m.cells.insert(k.into(), v.into());
    }
    m.emotion.insert("awareness".into(), -1);
    m.emotion.insert("consideration".into(), 2);
    m.emotion.insert("decision/s1".into(), 1);
    m.emotion.insert("decision/s2".into(), -2);
    m.emotion_to_be.insert("awareness".into(), 2);
    m
}

fn view(m: &JourneyMap) -> MapView<'_> {
    MapView {
        map: m,
        persona_name: "Chị Lan — IT admin".into(),
        column_titles: vec!["Nhận biết".into(), "Quyết định".into()],
        lane_titles: vec![
            "Tư duy".into(),
            "Cảm xúc".into(),
            "Điểm chạm".into(),
            "Ghi chú".into(),
        ],
        live: [
            (
                "touchpoints/awareness".to_string(),
                "Email 12\nCall 4".to_string(),
            ),
            ("touchpoints/decision".to_string(), "Call 1".to_string()),
        ]
        .into_iter()
        .collect(),
        curve_names: ("Hiện tại".into(), "Mong muốn".into()),
    }
}

#[test]
fn csv_has_a_row_per_lane_and_both_curves_without_hidden_columns() {
    let m = small_map();
    let csv = to_csv(&view(&m));
    assert_eq!(
        csv,
        concat!(
            "\u{feff},Nhận biết,Quyết định\r\n",
            "Tư duy,Tò mò về giá,\r\n",
            "Cảm xúc — Hiện tại,'-1,Đọc đánh giá: 1; Xem demo: -2\r\n",
            "Cảm xúc — Mong muốn,2,\r\n",
            "Điểm chạm,\"Email 12\nCall 4\",\"'=cmd|' /C calc'!A0\nCall 1\"\r\n",
            "Ghi chú,,\"• a\n• b\"\r\n",
        )
    );
    assert!(!csv.contains("hidden secret"));
}

#[test]
fn csv_leaves_out_the_to_be_row_without_to_be_points_and_keeps_emotion_text() {
    let mut m = small_map();
    m.emotion_to_be.clear();
    // A to-be point on a hidden column is not drawn, so it does not count.
    m.emotion_to_be.insert("consideration".into(), 1);
    m.cells.insert("emotion/awareness".into(), "Lo lắng".into());
    let csv = to_csv(&view(&m));
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[2], "Cảm xúc,Lo lắng,");
    assert!(lines[3].starts_with("Cảm xúc — Hiện tại,"));
    assert!(!csv.contains("Mong muốn"));
}

fn persona() -> Persona {
    Persona {
        name: "Chị Lan".into(),
        segment: "SMB".into(),
        role: "admin".into(),
        location: "Hà Nội".into(),
        age_group: "25–34".into(),
        industry: "Bán lẻ".into(),
        goals: vec!["Tiết kiệm thời gian".into()],
        needs: vec![],
        barriers: vec!["Giá".into()],
        motivations: vec![],
        interests: vec![],
        avatar: "data:image/png;base64,AAAA".into(),
        rule: PersonaRule {
            segments: vec!["SMB".into()],
            ..Default::default()
        },
        extra: Default::default(),
    }
}

fn figures() -> PersonaFigures {
    PersonaFigures {
        members: 7,
        stages: vec![StageFigures {
            stage: "awareness".into(),
            reached: Figure {
                value: Some(7.0),
                based_on: 7,
                contacts: vec![0, 1],
            },
            ..Default::default()
        }],
        nps: Figure {
            value: Some(12.5),
            based_on: 8,
            contacts: vec![],
        },
        ..Default::default()
    }
}

fn exported_at() -> Timestamp {
    Timestamp::from_ymd(2026, 11, 22)
        .unwrap()
        .plus_ms(3_600_000)
}

#[test]
fn json_has_the_documented_keys_and_round_trips() {
    let mut m = small_map();
    m.comments.push(MapComment {
        id: "c-1".into(),
        cell: "mindset/awareness".into(),
        text: "Kiểm tra".into(),
        by: "an".into(),
        at: exported_at(),
        resolved: true,
    });
    m.extra.insert("x_other_tool".into(), json!({"a": 1}));
    m.extra.insert("figures".into(), json!("shadowed"));
    let p = persona();
    let f = figures();
    let v = to_json(&m, &m.persona_id, Some(&p), Some(&f), exported_at());
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "format",
        "version",
        "title",
        "persona",
        "columns",
        "lanes",
        "cells",
        "emotion",
        "emotion_to_be",
        "comments",
        "figures",
        "exported_at",
    ] {
        assert!(keys.contains(&k), "{k} missing");
    }
    assert_eq!(v["format"], "waypoint-journey-map");
    assert_eq!(v["version"], 1);
    assert_eq!(v["persona"]["id"], "persona:lan");
    assert_eq!(v["persona"]["name"], "Chị Lan");
    assert_eq!(v["persona"]["rule"]["segments"][0], "SMB");
    assert!(v["persona"].get("avatar").is_none());
    assert_eq!(v["figures"]["members"], 7);
    assert_eq!(v["figures"]["nps"]["value"], 12.5);
    assert!(v["figures"]["stages"][0]["reached"]
        .get("contacts")
        .is_none());
    assert_eq!(v["exported_at"], "2026-11-22T01:00:00.000Z");
    assert_eq!(v["x_other_tool"]["a"], 1);
    assert_eq!(v["emotion"]["decision/s2"], -2);

    let back = from_json(&v).unwrap();
    let mut expected = m.clone();
    expected.extra.remove("figures"); // a reserved name cannot travel
    assert_eq!(back, expected);

    // Without persona details or figures.
    let v = to_json(&m, "persona:lan", None, None, exported_at());
    assert_eq!(v["persona"], json!({"id": "persona:lan"}));
    assert!(v["figures"].is_null());
    assert_eq!(from_json(&v).unwrap().persona_id, "persona:lan");
}

#[test]
fn from_json_refuses_other_formats_versions_and_invalid_maps() {
    let m = small_map();
    let good = to_json(&m, &m.persona_id, None, None, exported_at());
    let with = |key: &str, val: Value| {
        let mut v = good.clone();
        v[key] = val;
        v
    };
    let without = |key: &str| {
        let mut v = good.clone();
        v.as_object_mut().unwrap().remove(key);
        v
    };
    assert_eq!(from_json(&json!([1])), Err(ImportMapError::NotAnObject));
    assert_eq!(
        from_json(&with("format", json!("miro-board"))),
        Err(ImportMapError::WrongFormat("\"miro-board\"".into()))
    );
    assert_eq!(
        from_json(&without("format")),
        Err(ImportMapError::WrongFormat("missing".into()))
    );
    assert_eq!(
        from_json(&with("version", json!(2))),
        Err(ImportMapError::UnsupportedVersion("2".into()))
    );
    assert_eq!(
        from_json(&with("version", json!("1"))),
        Err(ImportMapError::UnsupportedVersion("\"1\"".into()))
    );
    let e = from_json(&with("version", json!(2)))
        .unwrap_err()
        .to_string();
    assert!(e.contains("version 2"), "{e}");
    assert!(matches!(
        from_json(&with("columns", json!("x"))),
        Err(ImportMapError::Malformed { key, .. }) if key == "columns"
    ));
    let Err(ImportMapError::Invalid(errs)) = from_json(&with("emotion", json!({"awareness": 3})))
    else {
        panic!("emotion out of range accepted");
    };
    assert!(errs.get("emotion.awareness").is_some());
    let Err(ImportMapError::Invalid(errs)) = from_json(&with("persona", json!({}))) else {
        panic!("a map without persona accepted");
    };
    assert!(errs.get("persona_id").is_some());
    assert!(matches!(
        from_json(&with("columns", json!([]))),
        Err(ImportMapError::Invalid(_))
    ));
    // A minimal hand-written file from another tool.
    let other = json!({
        "format": "waypoint-journey-map",
        "version": 1,
        "title": "Từ công cụ khác",
        "persona": {"id": "persona:x"},
        "columns": [{"id": "a", "stage": ""}],
    });
    let read = from_json(&other).unwrap();
    let mut flat = other.clone();
    flat.as_object_mut().unwrap().remove("persona");
    flat["persona_id"] = json!("persona:y");
    assert_eq!(from_json(&flat).unwrap().persona_id, "persona:y");
    assert_eq!(read.columns[0].id, "a");
    assert!(read.lanes.is_empty() && read.cells.is_empty());
}

/// Tags balance, attribute values are quoted, and text holds no raw `<` or bare `&`.
fn assert_well_formed(svg: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find('<') {
        let text = &rest[..i];
        for (j, _) in text.match_indices('&') {
            let ent = &text[j..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| ent.starts_with(e)),
                "bare & in {text:?}"
            );
        }
        let end = rest[i..].find('>').expect("unclosed tag") + i;
        let tag = &rest[i + 1..end];
        assert!(!tag.contains('<'), "< inside tag {tag:?}");
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes in {tag:?}"
        );
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name));
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap().to_string());
        }
        rest = &rest[end + 1..];
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert!(rest.is_empty());
}

#[test]
fn svg_is_a_safe_standalone_picture_of_the_map() {
    let mut m = small_map();
    m.cells.insert(
        "lane-1/awareness".into(),
        "<script>alert('x')</script> & \"co\"\u{7}".into(),
    );
    m.title = "Lan's <map>".into();
    let svg = to_svg(&view(&m));
    assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
    assert!(svg.ends_with("</svg>"));
    assert_well_formed(&svg);
    assert!(svg.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"));
    assert!(
        svg.contains("&lt;/script&gt; &amp;</tspan>"),
        "wrapped at 32 chars"
    );
    assert!(svg.contains(">&quot;co&quot;</tspan>"));
    assert!(svg.contains("Lan&apos;s &lt;map&gt;"));
    assert!(!svg.contains("<script"));
    assert!(!svg.contains('\u{7}'));
    assert!(!svg.contains("foreignObject"));
    assert!(!svg.contains("href"));
    assert!(svg.contains(r#"width="580""#), "180 + 2 × 200");
    assert!(svg.contains(r#"viewBox="0 0 580 "#));
    assert!(svg.contains(r#"font-family="sans-serif""#));
    assert!(svg.contains(r##"fill="#ffffff""##));
    for title in ["Nhận biết", "Quyết định"] {
        assert_eq!(
            svg.matches(&format!(">{title}</tspan></text>")).count(),
            1,
            "{title}"
        );
    }
    assert!(!svg.contains("hidden secret"));
    assert!(svg.contains("Chị Lan — IT admin"));
    assert!(svg.contains("Tò mò về giá"), "rich text drawn plain");
    assert!(svg.contains(">Call 4<"), "live text drawn");
    // As-is and to-be curves, the to-be one dashed, one dot per as-is point on visible slots.
    assert_eq!(svg.matches("<polyline").count(), 2);
    assert!(svg.contains(r#"stroke-dasharray="6 4""#));
    assert_eq!(svg.matches(r##"r="4" fill="#2563eb""##).count(), 3);
    // Legend names.
    assert!(svg.contains(">Hiện tại<") && svg.contains(">Mong muốn<"));
}

#[test]
fn svg_rows_grow_with_wrapped_text_and_long_words_break() {
    let m = small_map();
    let height = |svg: &str| -> u32 {
        let i = svg.find("height=\"").unwrap() + 8;
        svg[i..].split('"').next().unwrap().parse().unwrap()
    };
    let short = height(&to_svg(&view(&m)));
    let mut long = m.clone();
    let word = "x".repeat(70);
    long.cells.insert("mindset/decision".into(), word.clone());
    let svg = to_svg(&view(&long));
    // The row was at its 40px minimum; 70 chars make 3 lines.
    assert_eq!(height(&svg), short - 40 + lines_h(3));
    assert_eq!(lines_h(3), 3 * LINE + 2 * PAD);
    assert!(svg.contains(&format!(">{}</tspan>", "x".repeat(32))));
    assert!(svg.contains(&format!(">{}</tspan>", "x".repeat(6))));
    assert!(!svg.contains(&"x".repeat(33)));
    // A title too long for the width takes a second 22px line.
    let mut titled = m.clone();
    titled.title = "Hành trình ".repeat(8);
    assert_eq!(height(&to_svg(&view(&titled))), short + 22);
}

#[test]
fn wrap_fills_lines_and_breaks_long_words() {
    assert_eq!(wrap("một hai ba bốn", 7), vec!["một hai", "ba bốn"]);
    assert_eq!(wrap("abcdefghij k", 4), vec!["abcd", "efgh", "ij k"]);
    assert_eq!(wrap("a\n\n  b\tc", 10), vec!["a", "b c"]);
    assert!(wrap("  ", 5).is_empty());
}
