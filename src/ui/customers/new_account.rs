//! The "New account" button and dialog.

use crate::domain::records::Account;
use crate::i18n::*;
use crate::ui::common::form_field::text_field;
use crate::ui::common::{routes, CreateDialog};
use leptos::prelude::*;
use std::collections::HashMap;

#[derive(Clone, Debug, Default, PartialEq)]
struct Form {
    name: String,
    industry: String,
    segment: String,
    city: String,
    owner: String,
}

/// Opens a dialog that creates an account and goes to its page.
#[component]
pub fn NewAccountButton() -> impl IntoView {
    let i18n = use_i18n();
    let form = RwSignal::new(Form::default());
    let errors = RwSignal::new(HashMap::<String, String>::new());
    let record = move |f: Form| Account {
        name: f.name.trim().into(),
        industry: f.industry.trim().into(),
        segment: f.segment.trim().into(),
        city: f.city.trim().into(),
        region: String::new(),
        owner: f.owner.trim().into(),
        source: String::new(),
        extra: Default::default(),
    };
    let field = move |key: &'static str,
                      label: String,
                      get: fn(&Form) -> String,
                      set: fn(&mut Form, String)| {
        text_field(form, errors, key, label, "text", get, set)
    };
    view! {
        <CreateDialog
            title=Signal::derive(move || t_string!(i18n, customers.account_new).to_string())
            submit_label=Signal::derive(move || {
                t_string!(i18n, customers.account_create).to_string()
            })
            heading_id="new-account-h"
            form
            blank=|()| Form::default()
            errors
            record
            prefix="a"
            href=routes::account
        >
            {field(
                "name",
                t_string!(i18n, common.field_name).to_string(),
                |f| f.name.clone(),
                |f, v| f.name = v,
            )}
            {field(
                "industry",
                t_string!(i18n, common.field_industry).to_string(),
                |f| f.industry.clone(),
                |f, v| f.industry = v,
            )}
            {field(
                "segment",
                t_string!(i18n, common.field_segment).to_string(),
                |f| f.segment.clone(),
                |f, v| f.segment = v,
            )}
            {field(
                "city",
                t_string!(i18n, common.field_city).to_string(),
                |f| f.city.clone(),
                |f, v| f.city = v,
            )}
            {field(
                "owner",
                t_string!(i18n, common.field_owner).to_string(),
                |f| f.owner.clone(),
                |f, v| f.owner = v,
            )}
        </CreateDialog>
    }
}
