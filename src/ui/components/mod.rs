//! One part of the screen per file: a Yew component when it has hooks of its own, else a
//! function of the editor (`fn part(editor: &Editor) -> Html`); `dom` holds page helpers.

pub mod analysis_panel;
pub mod breakthrough_panel;
pub mod canvas;
pub mod case_files;
pub mod cases_panel;
pub mod checklist_panel;
pub mod choices;
pub mod composer;
pub mod dom;
pub mod dot_vote;
pub mod exercise;
pub mod inspector;
pub mod library_panel;
pub mod list_view;
pub mod meeting_panel;
pub mod own_rules;
pub mod presentation;
pub mod report;
pub mod side_panels;
pub mod signal_panel;
pub mod templates;
pub mod text_field;
