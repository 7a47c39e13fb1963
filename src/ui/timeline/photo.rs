//! A visit's photo: picked (or taken with the camera) in the quick log, shrunk on
//! the device and kept as a `Blob`; shown from the timeline in a dialog.

use crate::domain::attachment::check_photo;
use crate::domain::Timestamp;
use crate::i18n::*;
use crate::ui::common::date;
use crate::ui::common::image::shrink_to_blob;
use crate::ui::common::{use_workspace, Modal};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The longest side of a stored photo, px: sharp on a phone, a few hundred KiB.
const MAX_SIDE: u32 = 1600;

/// A photo chosen for the next visit, with an object URL for its preview.
#[derive(Clone)]
pub struct Picked {
    /// The shrunk JPEG.
    pub blob: web_sys::Blob,
    /// `blob:` URL of the preview; revoke with [`Picked::release`].
    pub url: String,
}

impl Picked {
    /// Frees the preview URL.
    pub fn release(&self) {
        let _ = web_sys::Url::revoke_object_url(&self.url);
    }
}

/// The quick log's photo field: choose or take a photo, see it, remove it.
#[component]
pub fn PhotoPicker(
    /// The chosen photo (local: a `Blob` stays on this thread).
    photo: RwSignal<Option<Picked>, LocalStorage>,
    /// Where to say what went wrong.
    status: RwSignal<Option<Result<String, String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let input = NodeRef::<leptos::html::Input>::new();
    let on_change = move |_| {
        let Some(file) = input
            .get_untracked()
            .and_then(|el| el.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        spawn_local(async move {
            let Some(blob) = shrink_to_blob(&file, MAX_SIDE).await else {
                status.set(Some(Err(
                    t_string!(i18n, timeline.photo_unreadable).to_string()
                )));
                return;
            };
            if check_photo(&blob.type_(), blob.size() as usize).is_err() {
                status.set(Some(Err(
                    t_string!(i18n, timeline.photo_too_large).to_string()
                )));
                return;
            }
            let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
                return;
            };
            if let Some(old) = photo.get_untracked() {
                old.release();
            }
            photo.set(Some(Picked { blob, url }));
            status.set(None);
        });
        // The same file can be chosen again after a removal.
        if let Some(el) = input.get_untracked() {
            el.set_value("");
        }
    };
    let remove = move |_| {
        if let Some(p) = photo.get_untracked() {
            p.release();
        }
        photo.set(None);
        if let Some(el) = input.get_untracked() {
            let _ = el.focus();
        }
    };
    // Leaving the visit form (another kind, another page) lets the photo go,
    // so a later visit never shows a preview whose URL was revoked.
    on_cleanup(move || {
        if let Some(p) = photo.try_get_untracked().flatten() {
            p.release();
            photo.try_set(None);
        }
    });
    view! {
        <div class="ql-photo">
            <label class="field">
                <span>{t!(i18n, timeline.photo_add)}</span>
                <input
                    type="file"
                    accept="image/*"
                    capture="environment"
                    node_ref=input
                    on:change=on_change
                />
            </label>
            {move || {
                photo
                    .get()
                    .map(|p| {
                        view! {
                            <img
                                class="ql-thumb"
                                src=p.url
                                alt=move || t_string!(i18n, timeline.photo_chosen)
                            />
                            <button type="button" on:click=remove>
                                {t!(i18n, timeline.photo_remove)}
                            </button>
                        }
                    })
            }}
        </div>
    }
}

/// A timeline row's "Photo" button and the dialog showing the photo.
#[component]
pub fn PhotoButton(
    /// The photo's digest (its key in the device's store).
    digest: String,
    /// When the visit happened (for the photo's description).
    at: Timestamp,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let modal = Modal::new();
    // Some(Some(url)) shown, Some(None) not on this device, None reading.
    let shown = RwSignal::new(None::<Option<String>>);
    let release = move || {
        if let Some(Some(url)) = shown.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
        shown.set(None);
    };
    let open = move |_| {
        modal.show();
        let digest = digest.clone();
        spawn_local(async move {
            let Some(store) = ws.store() else { return };
            let url = match store.blob(&digest).await {
                Ok(Some(blob)) => web_sys::Url::create_object_url_with_blob(&blob).ok(),
                _ => None,
            };
            // Closed (or opened again) while reading: this URL is nobody's.
            if !modal.open.get_untracked() || shown.get_untracked().is_some() {
                if let Some(u) = url {
                    let _ = web_sys::Url::revoke_object_url(&u);
                }
                return;
            }
            shown.set(Some(url));
        });
    };
    on_cleanup(release);
    let alt = move || t_string!(i18n, timeline.photo_alt, date = date(i18n, at));
    view! {
        <button type="button" class="tl-photo" on:click=open aria-label=alt>
            {t!(i18n, timeline.photo_view)}
        </button>
        <dialog
            node_ref=modal.node
            class="dialog photo-dialog"
            aria-label=alt
            on:close=move |_| {
                modal.open.set(false);
                release();
            }
        >
            {move || {
                modal
                    .open
                    .get()
                    .then(|| {
                        view! {
                            <div class="dialog-head">
                                <h2>{alt}</h2>
                            </div>
                            <div class="photo-body">
                                {move || match shown.get() {
                                    Some(Some(url)) => view! { <img src=url alt=alt /> }.into_any(),
                                    Some(None) => {
                                        view! { <p>{t!(i18n, timeline.photo_missing)}</p> }
                                            .into_any()
                                    }
                                    None => {
                                        view! { <p class="muted">{t!(i18n, common.loading)}</p> }
                                            .into_any()
                                    }
                                }}
                            </div>
                            <div class="form-actions photo-actions">
                                <button type="button" on:click=move |_| modal.close()>
                                    {t!(i18n, common.close)}
                                </button>
                            </div>
                        }
                    })
            }}
        </dialog>
    }
}
