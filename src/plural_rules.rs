//! The CLDR plural rules behind `key_one` / `key_other` messages.
//!
//! leptos_i18n picks a message's plural form with ICU's `PluralRules`, which it asks
//! a data provider for. Its "icu_compiled_data" feature would supply them, but it
//! also names optional ICU crates whose versions conflict with the ones locked here,
//! so the rules come from icu_plurals' own compiled data instead. [`install`] must
//! run before the first plural message is shown: the app, the embedded views and
//! the browser tests call it before mounting.

use leptos_i18n::custom_provider::{set_icu_data_provider, IcuDataProvider};
use leptos_i18n::reexports::icu::locid::Locale;
use leptos_i18n::reexports::icu::plurals::{PluralRuleType, PluralRules};
use leptos_i18n::reexports::icu::provider::DataError;

/// ICU's compiled plural rules (every CLDR locale; Waypoint asks for en and vi).
struct CompiledPluralRules;

impl IcuDataProvider for CompiledPluralRules {
    fn try_new_plural_rules(
        &self,
        locale: &Locale,
        rule_type: PluralRuleType,
    ) -> Result<PluralRules, DataError> {
        PluralRules::try_new(locale.into(), rule_type.into())
    }
}

/// Gives leptos_i18n the plural rules. Calling it again changes nothing.
pub fn install() {
    set_icu_data_provider(CompiledPluralRules);
}
