//! The meeting panel (tab "Overleg"): the case meeting's record — date, chair and
//! participants by role and organisation, the agenda with its time boxes, who does what
//! by when, decisions and open points — and the dot vote (`dot_vote`). Every change is
//! one `Edit::Meeting`, so one undo step; the forms are `autocomplete="off"` (case data
//! stays out of the browser's form memory) and every text field shows its privacy note.

use crate::core::edit::{Edit, EditError};
use crate::core::lang::Lang;
use crate::core::meeting::{
    ActionItem, ActionStatus, AgendaItem, Date, MeetingEdit, MeetingError, NoteList, Person, Step,
};
use crate::core::model::Target;
use crate::ui::components::breakthrough_panel::target_label;
use crate::ui::components::choices::rule_options;
use crate::ui::components::dom::{event_value, field_value, focus};
use crate::ui::components::dot_vote::DotVotePanel;
use crate::ui::components::text_field::TextField;
use crate::ui::context::Editor;
use crate::ui::state::{Action, Notice, NoticeText};
use crate::ui::texts::{meeting_texts, MeetingTexts};
use yew::prelude::*;

/// Sends a meeting edit.
fn meeting_edit(editor: &Editor, edit: MeetingEdit) {
    editor.dispatch(Action::Edit(Edit::Meeting(edit)));
}

/// Says a refusal that came before any edit (a date or number that does not read).
fn refuse(editor: &Editor, error: MeetingError) {
    editor.dispatch(Action::Notify(Notice { text: NoticeText::Refused(EditError::Meeting(error)), is_error: true }));
}

/// A callback for a text field that turns the committed text into an edit, or a refusal.
fn on_commit(
    editor: &Editor,
    edit: impl Fn(String) -> Result<MeetingEdit, MeetingError> + 'static,
) -> Callback<String> {
    let editor = editor.clone();
    Callback::from(move |text: String| match edit(text) {
        Ok(edit) => meeting_edit(&editor, edit),
        Err(error) => refuse(&editor, error),
    })
}

/// A date as typed: empty clears it.
fn typed_date(text: &str) -> Result<Option<Date>, MeetingError> {
    let text = text.trim();
    if text.is_empty() {
        Ok(None)
    } else {
        Date::parse_typed(text).map(Some)
    }
}

/// A number of minutes as typed.
fn typed_minutes(text: &str) -> Result<u16, MeetingError> {
    text.trim().parse::<u16>().map_err(|_| MeetingError::NotANumber(text.trim().to_string()))
}

/// A form that never submits to anywhere: Enter commits the field, nothing else.
fn no_submit() -> Callback<SubmitEvent> {
    Callback::from(|event: SubmitEvent| event.prevent_default())
}

/// A small remove button with an accessible name.
fn remove_button(label: String, onclick: Callback<MouseEvent>) -> Html {
    html! { <button type="button" class="link-button remove" aria-label={label.clone()} title={label} {onclick}>{"×"}</button> }
}

/// A callback for the role (`role`) or the organisation field of `person` that makes
/// `edit` of the changed person.
fn person_field(
    editor: &Editor,
    person: &Person,
    role: bool,
    edit: impl Fn(Person) -> MeetingEdit + 'static,
) -> Callback<String> {
    let person = person.clone();
    on_commit(editor, move |text| {
        let mut next = person.clone();
        if role {
            next.role = text;
        } else {
            next.organisation = text;
        }
        Ok(edit(next))
    })
}

/// Date and chair.
fn when_and_chair(editor: &Editor, m: &MeetingTexts) -> Html {
    let meeting = &editor.state.case().meeting;
    let lang = editor.state.lang;
    let chair = meeting.chair.clone();
    let set_chair = |role: bool| person_field(editor, &chair, role, MeetingEdit::SetChair);
    html! {
        <div class="meeting-grid">
            <label>{m.date}
                <TextField id="meeting-date" value={meeting.date.map(|d| d.local(lang)).unwrap_or_default()}
                    placeholder={m.date_placeholder} on_commit={on_commit(editor, |text| typed_date(&text).map(MeetingEdit::SetDate))} />
            </label>
            <span class="hint">{m.date_hint}</span>
            <label>{m.chair_role}
                <TextField id="meeting-chair-role" value={chair.role.clone()} placeholder={m.role_placeholder} on_commit={set_chair(true)} />
            </label>
            <label>{m.chair_organisation}
                <TextField id="meeting-chair-org" value={chair.organisation.clone()} placeholder={m.organisation_placeholder} on_commit={set_chair(false)} />
            </label>
        </div>
    }
}

/// The participants and the form that adds one.
fn participants(editor: &Editor, m: &MeetingTexts) -> Html {
    let meeting = &editor.state.case().meeting;
    let rows = meeting.participants.iter().enumerate().map(|(index, person)| {
        let field =
            |role: bool| person_field(editor, person, role, move |next| MeetingEdit::UpdateParticipant(index, next));
        let remove = {
            let editor = editor.clone();
            Callback::from(move |_| meeting_edit(&editor, MeetingEdit::RemoveParticipant(index)))
        };
        let number = index + 1;
        html! {
            <li class="meeting-row" key={format!("p{index}")}>
                <span class="row-number" aria-hidden="true">{number}</span>
                <TextField id={format!("participant-role-{index}")} value={person.role.clone()}
                    label={format!("{} {number}", m.role_of_participant)} on_commit={field(true)} />
                <TextField id={format!("participant-org-{index}")} value={person.organisation.clone()}
                    label={format!("{} {number}", m.organisation_of_participant)} on_commit={field(false)} />
                { remove_button(format!("{} {number}", m.remove_participant), remove) }
            </li>
        }
    });
    let add = {
        let editor = editor.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let person = Person::new(&field_value("new-participant-role"), &field_value("new-participant-org"));
            if person.is_empty() {
                refuse(&editor, MeetingError::EmptyPerson);
                return;
            }
            meeting_edit(&editor, MeetingEdit::AddParticipant(person));
            clear_fields(&["new-participant-role", "new-participant-org"]);
            focus("new-participant-role");
        })
    };
    html! {
        <>
            <form autocomplete="off" onsubmit={no_submit()}><ol class="meeting-list" id="participant-list">{ for rows }</ol></form>
            <form class="meeting-add" autocomplete="off" onsubmit={add} aria-label={m.add_participant}>
                <label>{m.role}<input id="new-participant-role" autocomplete="off" placeholder={m.role_placeholder} /></label>
                <label>{m.organisation}<input id="new-participant-org" autocomplete="off" placeholder={m.organisation_placeholder} /></label>
                <button type="submit">{m.add_participant}</button>
            </form>
        </>
    }
}

/// Empties the inputs with these ids (after their content became an edit).
fn clear_fields(ids: &[&str]) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    for id in ids {
        if let Some(input) = document.get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_value("");
        }
    }
}

/// The agenda with its time boxes.
fn agenda(editor: &Editor, m: &MeetingTexts) -> Html {
    let lang = editor.state.lang;
    let meeting = &editor.state.case().meeting;
    if meeting.agenda.is_empty() {
        let editor = editor.clone();
        let onclick = Callback::from(move |_| meeting_edit(&editor, MeetingEdit::UseDefaultAgenda));
        return html! {
            <div class="meeting-empty">
                <p class="hint">{m.agenda_empty}</p>
                <button type="button" id="use-default-agenda" {onclick}>{m.use_default_agenda}</button>
            </div>
        };
    }
    let rows = meeting.agenda.iter().enumerate().map(|(index, item)| {
        let number = index + 1;
        let heading = item.heading(lang);
        let title = {
            let item = item.clone();
            on_commit(editor, move |text| Ok(MeetingEdit::UpdateAgendaItem(index, AgendaItem { title: text, ..item.clone() })))
        };
        let minutes = {
            let item = item.clone();
            on_commit(editor, move |text| {
                typed_minutes(&text).map(|minutes| MeetingEdit::UpdateAgendaItem(index, AgendaItem { minutes, ..item.clone() }))
            })
        };
        let remove = {
            let editor = editor.clone();
            Callback::from(move |_| meeting_edit(&editor, MeetingEdit::RemoveAgendaItem(index)))
        };
        let up = (index > 0).then(|| (format!("{} {heading}", m.move_agenda_up), "↑", index - 1));
        let down = (number < meeting.agenda.len()).then(|| (format!("{} {heading}", m.move_agenda_down), "↓", number));
        // A move that is not possible (the first up, the last down) keeps its place empty,
        // so the buttons of every row line up.
        let moves = [up, down].into_iter().map(|possible| match possible {
            Some((label, arrow, to)) => {
                let editor = editor.clone();
                let onclick = Callback::from(move |_| meeting_edit(&editor, MeetingEdit::MoveAgendaItem { from: index, to }));
                html! { <button type="button" class="link-button move" aria-label={label.clone()} title={label} {onclick}>{arrow}</button> }
            }
            None => html! { <span class="move" aria-hidden="true"></span> },
        });
        html! {
            <li class="meeting-row agenda-row" key={format!("g{index}")}>
                <span class="row-number" aria-hidden="true">{number}</span>
                <TextField id={format!("agenda-title-{index}")} value={item.title.clone()} placeholder={item.step.name(lang)}
                    label={format!("{} {number}", m.agenda_item)} on_commit={title} />
                <span class="minutes">
                    <TextField id={format!("agenda-minutes-{index}")} value={item.minutes.to_string()}
                        label={format!("{} {heading}", m.minutes_of)} on_commit={minutes} />
                    <span aria-hidden="true">{m.minutes_short}</span>
                </span>
                <span class="row-actions">
                    { for moves }
                    { remove_button(format!("{} {heading}", m.remove_agenda_item), remove) }
                </span>
            </li>
        }
    });
    let add = {
        let editor = editor.clone();
        Callback::from(move |_| {
            let item = AgendaItem { step: Step::Overig, title: String::new(), minutes: 5 };
            meeting_edit(&editor, MeetingEdit::AddAgendaItem(item));
        })
    };
    html! {
        <>
            <ol class="meeting-list" id="agenda-list">{ for rows }</ol>
            <p class="meeting-total" id="agenda-total">{format!("{} {} {}", m.agenda_total, meeting.agenda_minutes(), m.minutes_short)}</p>
            <button type="button" onclick={add}>{m.add_agenda_item}</button>
        </>
    }
}

/// `link:l1` / `factor:f2` for an intervention select; empty for none.
fn target_value(target: Option<&Target>) -> String {
    match target {
        Some(Target::Link(id)) => format!("link:{id}"),
        Some(Target::Factor(id)) => format!("factor:{id}"),
        None => String::new(),
    }
}

fn parse_target(value: &str) -> Option<Target> {
    match value.split_once(':') {
        Some(("link", id)) => Some(Target::Link(id.to_string())),
        Some(("factor", id)) => Some(Target::Factor(id.to_string())),
        _ => None,
    }
}

/// "No intervention" plus every chosen intervention, with `selected` marked.
fn intervention_options(editor: &Editor, m: &MeetingTexts, selected: Option<&Target>) -> Html {
    let case = editor.state.case();
    html! {
        <>
            <option value="" selected={selected.is_none()}>{m.no_intervention}</option>
            { for case.interventions.iter().map(|intervention| {
                let value = target_value(Some(&intervention.target));
                let is_selected = selected == Some(&intervention.target);
                html! { <option {value} selected={is_selected}>{target_label(case, &intervention.target)}</option> }
            }) }
        </>
    }
}

/// The status `<option>`s.
fn status_options(lang: Lang, selected: ActionStatus) -> Html {
    html! {
        { for ActionStatus::ALL.into_iter().map(|status| html! {
            <option value={status.id()} selected={status == selected}>{status.name(lang)}</option>
        }) }
    }
}

/// One action, every field editable.
fn action_row(editor: &Editor, m: &MeetingTexts, action: &ActionItem) -> Html {
    let lang = editor.state.lang;
    let id = action.id.clone();
    let update = |change: fn(&mut ActionItem, String) -> Result<(), MeetingError>| {
        let action = action.clone();
        on_commit(editor, move |text| {
            let mut next = action.clone();
            change(&mut next, text)?;
            Ok(MeetingEdit::UpdateAction(next))
        })
    };
    let select = |change: fn(&mut ActionItem, &str)| {
        let (editor, action) = (editor.clone(), action.clone());
        Callback::from(move |event: Event| {
            let mut next = action.clone();
            change(&mut next, &event_value(&event));
            if next != action {
                meeting_edit(&editor, MeetingEdit::UpdateAction(next));
            }
        })
    };
    let remove = {
        let (editor, id) = (editor.clone(), id.clone());
        Callback::from(move |_| meeting_edit(&editor, MeetingEdit::RemoveAction(id.clone())))
    };
    let what = action.what.clone();
    let status_class = format!("action status-{}", action.status.id());
    html! {
        <li class={status_class} key={id.clone()} data-action={id.clone()}>
            <fieldset>
                <legend class="sr-only">{format!("{} {what}", m.action)}</legend>
                <label class="wide">{m.action_what}
                    <TextField id={format!("action-what-{id}")} value={what.clone()} on_commit={update(|a, text| { a.what = text; Ok(()) })} />
                </label>
                <label>{m.owner_role}
                    <TextField id={format!("action-role-{id}")} value={action.owner.role.clone()} placeholder={m.role_placeholder}
                        on_commit={update(|a, text| { a.owner.role = text; Ok(()) })} />
                </label>
                <label>{m.owner_organisation}
                    <TextField id={format!("action-org-{id}")} value={action.owner.organisation.clone()} placeholder={m.organisation_placeholder}
                        on_commit={update(|a, text| { a.owner.organisation = text; Ok(()) })} />
                </label>
                <label>{m.deadline}
                    <TextField id={format!("action-deadline-{id}")} value={action.deadline.map(|d| d.local(lang)).unwrap_or_default()}
                        placeholder={m.date_placeholder} on_commit={update(|a, text| { a.deadline = typed_date(&text)?; Ok(()) })} />
                </label>
                <label>{m.status}
                    <select id={format!("action-status-{id}")} onchange={select(|a, value| {
                        if let Some(status) = ActionStatus::parse(value) { a.status = status; }
                    })}>{ status_options(lang, action.status) }</select>
                </label>
                <label>{m.for_intervention}
                    <select id={format!("action-intervention-{id}")} onchange={select(|a, value| a.intervention = parse_target(value))}>
                        { intervention_options(editor, m, action.intervention.as_ref()) }
                    </select>
                </label>
                <label>{m.concerns_rule}
                    <select id={format!("action-rule-{id}")} onchange={select(|a, value| {
                        a.rule = (!value.is_empty()).then(|| value.to_string());
                    })}>{ rule_options(editor, action.rule.as_deref()) }</select>
                </label>
                <div class="action-remove">{ remove_button(format!("{} {what}", m.remove_action), remove) }</div>
            </fieldset>
        </li>
    }
}

/// The actions and the form that adds one.
fn actions(editor: &Editor, m: &MeetingTexts) -> Html {
    let meeting = &editor.state.case().meeting;
    let rows = meeting.actions.iter().map(|action| action_row(editor, m, action));
    let add = {
        let editor = editor.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let deadline = match typed_date(&field_value("new-action-deadline")) {
                Ok(deadline) => deadline,
                Err(error) => return refuse(&editor, error),
            };
            let intervention = select_value("new-action-intervention").as_deref().and_then(parse_target);
            let action = ActionItem {
                id: editor.state.case().meeting.fresh_action_id(),
                what: field_value("new-action-what"),
                owner: Person::new(&field_value("new-action-role"), &field_value("new-action-org")),
                deadline,
                status: ActionStatus::Afgesproken,
                intervention,
                rule: None,
            };
            if action.what.trim().is_empty() {
                refuse(&editor, MeetingError::EmptyText);
                focus("new-action-what");
                return;
            }
            meeting_edit(&editor, MeetingEdit::AddAction(action));
            clear_fields(&["new-action-what", "new-action-role", "new-action-org", "new-action-deadline"]);
            focus("new-action-what");
        })
    };
    html! {
        <>
            <form autocomplete="off" onsubmit={no_submit()}><ol class="action-list" id="action-list">{ for rows }</ol></form>
            <form class="meeting-add action-add" autocomplete="off" onsubmit={add} aria-label={m.add_action}>
                <label class="wide">{m.action_what}<input id="new-action-what" autocomplete="off" placeholder={m.action_placeholder} /></label>
                <label>{m.owner_role}<input id="new-action-role" autocomplete="off" placeholder={m.role_placeholder} /></label>
                <label>{m.owner_organisation}<input id="new-action-org" autocomplete="off" placeholder={m.organisation_placeholder} /></label>
                <label>{m.deadline}<input id="new-action-deadline" autocomplete="off" placeholder={m.date_placeholder} /></label>
                <label>{m.for_intervention}
                    <select id="new-action-intervention">{ intervention_options(editor, m, None) }</select>
                </label>
                <button type="submit" class="wide">{m.add_action}</button>
            </form>
        </>
    }
}

/// The value of the select with this id.
fn select_value(id: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let element = web_sys::window()?.document()?.get_element_by_id(id)?;
    Some(element.dyn_into::<web_sys::HtmlSelectElement>().ok()?.value())
}

/// Decisions or open points, with the field that adds one.
fn notes(editor: &Editor, m: &MeetingTexts, list: NoteList) -> Html {
    let meeting = &editor.state.case().meeting;
    let (prefix, item_label, add_label, remove_label) = match list {
        NoteList::Decisions => ("decision", m.decision, m.add_decision, m.remove_decision),
        NoteList::OpenPoints => ("open-point", m.open_point, m.add_open_point, m.remove_open_point),
    };
    let rows = meeting.notes(list).iter().enumerate().map(|(index, text)| {
        let number = index + 1;
        let commit = on_commit(editor, move |text| Ok(MeetingEdit::UpdateNote(list, index, text)));
        let remove = {
            let editor = editor.clone();
            Callback::from(move |_| meeting_edit(&editor, MeetingEdit::RemoveNote(list, index)))
        };
        html! {
            <li class="meeting-row note-row" key={format!("{prefix}{index}")}>
                <span class="row-number" aria-hidden="true">{number}</span>
                <TextField id={format!("{prefix}-{index}")} value={text.clone()} label={format!("{item_label} {number}")} on_commit={commit} />
                { remove_button(format!("{remove_label} {number}"), remove) }
            </li>
        }
    });
    let new_id = format!("new-{prefix}");
    let add = {
        let (editor, new_id) = (editor.clone(), new_id.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let text = field_value(&new_id);
            if text.trim().is_empty() {
                refuse(&editor, MeetingError::EmptyText);
                return;
            }
            meeting_edit(&editor, MeetingEdit::AddNote(list, text));
            clear_fields(&[&new_id]);
            focus(&new_id);
        })
    };
    html! {
        <>
            <form autocomplete="off" onsubmit={no_submit()}><ol class="meeting-list">{ for rows }</ol></form>
            <form class="meeting-add note-add" autocomplete="off" onsubmit={add}>
                <input id={new_id} autocomplete="off" aria-label={add_label} placeholder={item_label} />
                <button type="submit">{add_label}</button>
            </form>
        </>
    }
}

/// The meeting panel (rendered inside the memoised side panels, so not on every pan).
pub fn meeting_panel(editor: &Editor) -> Html {
    let m = meeting_texts(editor.state.lang);
    let editor = editor.clone();
    html! {
        <div class="meeting-panel" id="meeting-panel">
            <p class="hint">{m.intro}</p>
            <form autocomplete="off" onsubmit={no_submit()}>
                <section aria-labelledby="meeting-when-heading">
                    <h2 id="meeting-when-heading">{m.when_heading}</h2>
                    { when_and_chair(&editor, m) }
                </section>
            </form>
            <section aria-labelledby="meeting-participants-heading">
                <h2 id="meeting-participants-heading">{m.participants_heading}</h2>
                { participants(&editor, m) }
            </section>
            <section aria-labelledby="meeting-agenda-heading">
                <h2 id="meeting-agenda-heading">{m.agenda_heading}</h2>
                <form autocomplete="off" onsubmit={no_submit()}>{ agenda(&editor, m) }</form>
            </section>
            <section aria-labelledby="meeting-vote-heading">
                <h2 id="meeting-vote-heading">{m.vote_heading}</h2>
                <DotVotePanel editor={editor.clone()} case={editor.state.case().clone()} lang={editor.state.lang} />
            </section>
            <section aria-labelledby="meeting-actions-heading">
                <h2 id="meeting-actions-heading">{m.actions_heading}</h2>
                <p class="hint">{m.actions_hint}</p>
                { actions(&editor, m) }
            </section>
            <section aria-labelledby="meeting-decisions-heading">
                <h2 id="meeting-decisions-heading">{m.decisions_heading}</h2>
                { notes(&editor, m, NoteList::Decisions) }
            </section>
            <section aria-labelledby="meeting-open-heading">
                <h2 id="meeting-open-heading">{m.open_points_heading}</h2>
                { notes(&editor, m, NoteList::OpenPoints) }
            </section>
        </div>
    }
}
