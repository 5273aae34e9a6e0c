//! The meeting record without a browser: date, participants, agenda, actions, decisions
//! and the dot vote change only through `Edit::Meeting`, one undo step each; bad input is
//! refused with a typed error said in Dutch and English; the record travels in case JSON;
//! the privacy checks read its texts.

use cirkelbreker::core::edit::{apply, Edit, EditError};
use cirkelbreker::core::editor::state::{Action, EditorState};
use cirkelbreker::core::formats::case_json::{read_case, write_case};
use cirkelbreker::core::lang::Lang;
use cirkelbreker::core::meeting::{
    ActionItem, ActionStatus, Adopted, AgendaItem, Date, MeetingEdit, MeetingError, MeetingPlace, NoteList, Person,
    Step, VoteOption,
};
use cirkelbreker::core::model::{Case, Target};
use cirkelbreker::core::privacy::{check_case, PersonalData, Place};

mod common;

/// f1 → f2 → f3 → f1 (links l1, l2, l3), with a rule on l2.
fn triangle() -> Case {
    let mut case = common::case_of(&[("f1", "f2", '+', ""), ("f2", "f3", '+', ""), ("f3", "f1", '+', "")]);
    case.links[1].rule = Some("WON-03".into());
    case
}

fn meeting(case: &Case, edit: MeetingEdit) -> Result<Case, EditError> {
    apply(case, &Edit::Meeting(edit))
}

fn refused(case: &Case, edit: MeetingEdit) -> MeetingError {
    match meeting(case, edit) {
        Err(EditError::Meeting(error)) => error,
        other => panic!("expected a meeting refusal, got {other:?}"),
    }
}

fn action(id: &str, what: &str, owner: Person, deadline: &str) -> ActionItem {
    ActionItem {
        id: id.into(),
        what: what.into(),
        owner,
        deadline: Some(Date::parse(deadline).expect("a date")),
        status: ActionStatus::Afgesproken,
        intervention: None,
        rule: None,
    }
}

fn dot(voter: usize, option: &VoteOption) -> MeetingEdit {
    MeetingEdit::AddDot { voter, option: option.clone() }
}

#[test]
fn dates_are_real_days_written_as_iso() {
    assert_eq!(Date::parse("2026-12-01").expect("a date").to_string(), "2026-12-01");
    assert_eq!(Date::parse(" 2028-02-29 ").expect("a leap day").month(), "2028-02");
    for text in
        ["2026-02-29", "2026-13-01", "2026-00-10", "01-12-2026", "2026-1-1", "", "2026-12-01x", "２０２６-12-01"]
    {
        assert_eq!(Date::parse(text), Err(MeetingError::InvalidDate(text.to_string())), "{text}");
    }
    // What people type: the Dutch order too, and shown back in it.
    let typed = Date::parse_typed("15-12-2026").expect("Dutch order");
    assert_eq!(
        (typed.to_string(), typed.local(Lang::Nl), typed.local(Lang::En)),
        ("2026-12-15".into(), "15-12-2026".into(), "2026-12-15".into())
    );
    assert_eq!(Date::parse_typed("1/2/2027").map(|d| d.to_string()), Ok("2027-02-01".into()));
    for text in ["31-11-2026", "15-12-26", "2026", "15-12-2026-1", "a-b-cdef"] {
        assert_eq!(Date::parse_typed(text), Err(MeetingError::InvalidDate(text.to_string())), "{text}");
    }
    assert!(Date::parse("15-12-2026").is_err(), "files hold ISO dates only");
    let json = serde_json::to_string(&Date::new(2027, 3, 15).expect("exists")).expect("writes");
    assert_eq!(json, "\"2027-03-15\"");
    assert!(serde_json::from_str::<Date>("\"2027-02-30\"").is_err());
}

#[test]
fn people_are_recorded_by_role_and_organisation_and_an_empty_one_is_refused() {
    let case = triangle();
    let case = meeting(&case, MeetingEdit::SetChair(Person::new(" Regisseur ", "Gemeente"))).expect("chair");
    let case = meeting(&case, MeetingEdit::AddParticipant(Person::new("Wijkverpleegkundige", "GGD"))).expect("adds");
    let case = meeting(&case, MeetingEdit::AddParticipant(Person::new("", "Woningcorporatie"))).expect("adds");
    assert_eq!(case.meeting.chair.describe(), "Regisseur (Gemeente)", "trimmed");
    assert_eq!(case.meeting.participants[1].describe(), "Woningcorporatie");
    assert_eq!(refused(&case, MeetingEdit::AddParticipant(Person::new("  ", ""))), MeetingError::EmptyPerson);
    assert_eq!(refused(&case, MeetingEdit::RemoveParticipant(2)), MeetingError::NoParticipant(2));
    let case = meeting(&case, MeetingEdit::RemoveParticipant(0)).expect("removes");
    assert_eq!(case.meeting.participants, [Person::new("", "Woningcorporatie")]);
}

#[test]
fn the_default_agenda_follows_the_werkvorm_and_time_boxes_are_bounded() {
    let case = meeting(&triangle(), MeetingEdit::UseDefaultAgenda).expect("fills");
    let steps: Vec<Step> = case.meeting.agenda.iter().map(|item| item.step).collect();
    assert_eq!(steps, [Step::Situatie, Step::Regels, Step::Cirkels, Step::Doorbraak, Step::Mandaat]);
    assert_eq!(case.meeting.agenda_minutes(), 60);
    assert_eq!(refused(&case, MeetingEdit::UseDefaultAgenda), MeetingError::AgendaNotEmpty);
    let long = AgendaItem { step: Step::Overig, title: "Rondvraag".into(), minutes: 241 };
    assert_eq!(refused(&case, MeetingEdit::AddAgendaItem(long.clone())), MeetingError::InvalidMinutes(241));
    let zero = AgendaItem { minutes: 0, ..long.clone() };
    assert_eq!(refused(&case, MeetingEdit::UpdateAgendaItem(0, zero)), MeetingError::InvalidMinutes(0));
    let case = meeting(&case, MeetingEdit::AddAgendaItem(AgendaItem { minutes: 5, ..long })).expect("adds");
    assert_eq!(case.meeting.agenda[5].heading(Lang::En), "Rondvraag");
    assert_eq!(case.meeting.agenda[0].heading(Lang::En), "Situation");
    assert_eq!(refused(&case, MeetingEdit::RemoveAgendaItem(6)), MeetingError::NoAgendaItem(6));
}

#[test]
fn an_agenda_item_moves_up_or_down_in_one_undoable_edit() {
    let case = meeting(&triangle(), MeetingEdit::UseDefaultAgenda).expect("fills");
    let moved = meeting(&case, MeetingEdit::MoveAgendaItem { from: 3, to: 1 }).expect("moves");
    let steps: Vec<Step> = moved.meeting.agenda.iter().map(|item| item.step).collect();
    assert_eq!(steps, [Step::Situatie, Step::Doorbraak, Step::Regels, Step::Cirkels, Step::Mandaat]);
    let back = meeting(&moved, MeetingEdit::MoveAgendaItem { from: 1, to: 3 }).expect("moves back");
    assert_eq!(back.meeting.agenda, case.meeting.agenda);
    assert_eq!(refused(&case, MeetingEdit::MoveAgendaItem { from: 4, to: 5 }), MeetingError::NoAgendaItem(5));
    assert_eq!(refused(&case, MeetingEdit::MoveAgendaItem { from: 7, to: 0 }), MeetingError::NoAgendaItem(7));
}

#[test]
fn actions_have_an_owner_a_deadline_and_a_status() {
    let case = triangle();
    let case = apply(&case, &Edit::ChooseIntervention { target: Target::Link("l2".into()), instrument: None })
        .expect("chooses");
    let first = ActionItem {
        intervention: Some(Target::Link("l2".into())),
        ..action(
            &case.meeting.fresh_action_id(),
            "Hardheidsclausule aanvragen",
            Person::new("Consulent", "Gemeente"),
            "2026-12-15",
        )
    };
    let case = meeting(&case, MeetingEdit::AddAction(first.clone())).expect("adds");
    let second = action(
        &case.meeting.fresh_action_id(),
        "Huurachterstand bevriezen",
        Person::new("", "Woningcorporatie"),
        "2027-01-10",
    );
    assert_eq!(second.id, "a2");
    let case = meeting(&case, MeetingEdit::AddAction(second.clone())).expect("adds");
    assert_eq!(refused(&case, MeetingEdit::AddAction(second.clone())), MeetingError::DuplicateAction("a2".into()));
    let blank = ActionItem { what: "  ".into(), ..second.clone() };
    assert_eq!(refused(&case, MeetingEdit::UpdateAction(blank)), MeetingError::EmptyText);
    let elsewhere = ActionItem { intervention: Some(Target::Factor("f9".into())), ..second.clone() };
    assert_eq!(refused(&case, MeetingEdit::UpdateAction(elsewhere)), MeetingError::NotOnMap("f9".into()));
    let stuck = ActionItem { status: ActionStatus::Vastgelopen, rule: Some(" INK-01 ".into()), ..second };
    let case = meeting(&case, MeetingEdit::UpdateAction(stuck)).expect("updates");
    assert_eq!(
        case.meeting.action("a2").map(|a| (a.status, a.rule.as_deref())),
        Some((ActionStatus::Vastgelopen, Some("INK-01")))
    );
    assert_eq!(refused(&case, MeetingEdit::RemoveAction("a9".into())), MeetingError::NoAction("a9".into()));
    // Deleting the link keeps the action, with the link's rule.
    let case = apply(&case, &Edit::Delete { factors: vec![], links: vec!["l2".into()] }).expect("deletes");
    let kept = case.meeting.action("a1").expect("kept");
    assert_eq!((kept.intervention.as_ref(), kept.rule.as_deref()), (None, Some("WON-03")));
}

#[test]
fn decisions_and_open_points_are_two_lists() {
    let case = meeting(&triangle(), MeetingEdit::AddNote(NoteList::Decisions, "Eén regisseur".into())).expect("adds");
    let case =
        meeting(&case, MeetingEdit::AddNote(NoteList::OpenPoints, "Wie betaalt de verhuizing?".into())).expect("adds");
    assert_eq!(case.meeting.decisions, ["Eén regisseur"]);
    assert_eq!(case.meeting.open_points, ["Wie betaalt de verhuizing?"]);
    assert_eq!(refused(&case, MeetingEdit::AddNote(NoteList::Decisions, " ".into())), MeetingError::EmptyText);
    assert_eq!(
        refused(&case, MeetingEdit::RemoveNote(NoteList::OpenPoints, 1)),
        MeetingError::NoNote(NoteList::OpenPoints, 1)
    );
    let case =
        meeting(&case, MeetingEdit::UpdateNote(NoteList::Decisions, 0, "Twee regisseurs".into())).expect("updates");
    assert_eq!(case.meeting.decisions, ["Twee regisseurs"]);
}

#[test]
fn a_vote_of_three_is_tallied_and_taken_over_into_the_plan_in_one_undo_step() {
    let mut state = EditorState::default();
    state = state.next(Action::Edit(Edit::ReplaceCase(Box::new(triangle()))));
    let l1 = VoteOption::Target(Target::Link("l1".into()));
    let l2 = VoteOption::Target(Target::Link("l2".into()));
    let f3 = VoteOption::Target(Target::Factor("f3".into()));
    let whole_loop = VoteOption::Loop("l1>l2>l3".into());
    state = state.next(Action::Edit(Edit::Meeting(MeetingEdit::SetVote { voters: 3, dots_each: 3 })));
    let ballots = [vec![&l2, &l2, &whole_loop], vec![&l2, &l1, &f3], vec![&l1, &l2, &whole_loop]];
    for (voter, options) in ballots.iter().enumerate() {
        for option in options {
            state = state.next(Action::Edit(Edit::Meeting(dot(voter, option))));
        }
    }
    let vote = state.case().meeting.vote.clone().expect("a vote");
    assert_eq!((0..3).map(|voter| vote.dots_left(voter)).collect::<Vec<_>>(), [0, 0, 0]);
    let tally: Vec<(VoteOption, u32, u32)> = vote.tally().into_iter().map(|t| (t.option, t.dots, t.voters)).collect();
    assert_eq!(tally, [(l2.clone(), 4, 3), (l1.clone(), 2, 2), (whole_loop.clone(), 2, 2), (f3.clone(), 1, 1)]);
    assert_eq!(vote.leaders(false), std::slice::from_ref(&l2));
    assert_eq!(vote.leaders(true), [whole_loop]);
    assert_eq!(vote.chosen_targets(), [Target::Link("l2".into())]);
    // A fourth dot is refused, and so is a fourth voter.
    assert_eq!(refused(state.case(), dot(0, &l1)), MeetingError::NoDotsLeft(0));
    assert_eq!(refused(state.case(), dot(3, &l1)), MeetingError::NoVoter(3));
    assert_eq!(refused(state.case(), MeetingEdit::SetVote { voters: 2, dots_each: 3 }), MeetingError::DotsEntered(2));
    assert_eq!(
        refused(state.case(), MeetingEdit::SetVote { voters: 0, dots_each: 3 }),
        MeetingError::InvalidVoteSize { voters: 0, dots_each: 3 }
    );
    assert_eq!(
        refused(state.case(), dot(0, &VoteOption::Loop("l1>l9".into()))),
        MeetingError::NotOnMap("l1>l9".into())
    );
    // Taking over: one edit, one undo step.
    let before = state.case().clone();
    let adopted: Vec<Adopted> =
        vote.chosen_targets().into_iter().map(|target| Adopted { target, instrument: Some("B02".into()) }).collect();
    state = state.next(Action::Edit(Edit::Meeting(MeetingEdit::AdoptVote(adopted))));
    let chosen: Vec<(&Target, Option<&str>)> =
        state.case().interventions.iter().map(|i| (&i.target, i.instrument.as_deref())).collect();
    assert_eq!(chosen, [(&Target::Link("l2".into()), Some("B02"))]);
    state = state.next(Action::Undo);
    assert_eq!(state.case(), &before, "one undo takes the whole adoption back");
    let nobody = vec![Adopted { target: Target::Factor("f1".into()), instrument: None }];
    assert_eq!(refused(&before, MeetingEdit::AdoptVote(nobody)), MeetingError::NotVotedFor("f1".into()));
    assert_eq!(refused(&before, MeetingEdit::AdoptVote(vec![])), MeetingError::NothingToAdopt);
    // Taking a dot back gives it back.
    let fewer = meeting(&before, MeetingEdit::RemoveDot { voter: 1, option: f3.clone() }).expect("removes");
    assert_eq!(fewer.meeting.vote.as_ref().map(|v| v.dots_left(1)), Some(1));
    assert_eq!(refused(&fewer, MeetingEdit::RemoveDot { voter: 1, option: f3 }), MeetingError::NoDotOnOption(1));
    // Deleting a link drops the dots on it and on loops through it.
    let deleted = apply(&before, &Edit::Delete { factors: vec![], links: vec!["l1".into()] }).expect("deletes");
    let left = deleted.meeting.vote.expect("a vote").tally();
    assert_eq!(
        left.iter().map(|t| (&t.option, t.dots)).collect::<Vec<_>>(),
        [(&l2, 4), (&VoteOption::Target(Target::Factor("f3".into())), 1)]
    );
}

#[test]
fn the_record_travels_in_case_json_and_an_empty_one_is_left_out() {
    assert!(!write_case(&triangle()).contains("\"meeting\""), "no meeting, no key");
    let mut case = triangle();
    for edit in [
        MeetingEdit::SetDate(Some(Date::parse("2026-12-01").expect("date"))),
        MeetingEdit::SetChair(Person::new("Regisseur", "Gemeente")),
        MeetingEdit::AddParticipant(Person::new("Schuldhulpverlener", "Kredietbank")),
        MeetingEdit::UseDefaultAgenda,
        MeetingEdit::AddAction(action(
            "a1",
            "Beslagvrije voet herberekenen",
            Person::new("Consulent", "Kredietbank"),
            "2026-12-20",
        )),
        MeetingEdit::AddNote(NoteList::Decisions, "Eén plan".into()),
        MeetingEdit::SetVote { voters: 3, dots_each: 3 },
        dot(1, &VoteOption::Loop("l1>l2>l3".into())),
    ] {
        case = meeting(&case, edit).expect("applies");
    }
    let text = write_case(&case);
    assert!(text.contains("\"deadline\": \"2026-12-20\"") && text.contains("\"type\": \"loop\""), "{text}");
    assert_eq!(read_case(&text).expect("reads back"), case);
    let unknown_status = text.replace("\"afgesproken\"", "\"misschien\"");
    assert!(read_case(&unknown_status).is_err(), "an unknown status is not read as something else");
}

#[test]
fn privacy_checks_read_the_meeting_record() {
    let case =
        meeting(&triangle(), MeetingEdit::AddParticipant(Person::new("Moeder, 06-12345678", "Thuis"))).expect("adds");
    let case =
        meeting(&case, MeetingEdit::AddNote(NoteList::OpenPoints, "mail jan@voorbeeld.nl".into())).expect("adds");
    let found: Vec<(Place, PersonalData)> = check_case(&case).into_iter().map(|w| (w.place, w.kind)).collect();
    assert_eq!(
        found,
        [
            (Place::Meeting(MeetingPlace::Participant(0)), PersonalData::Phone),
            (Place::Meeting(MeetingPlace::Note(NoteList::OpenPoints, 0)), PersonalData::Email),
        ]
    );
    assert_eq!(MeetingPlace::Participant(0).describe(Lang::En), "participant 1 of the meeting");
}

#[test]
fn refusals_are_said_in_both_languages() {
    let errors = [
        MeetingError::InvalidDate("31-12".into()),
        MeetingError::EmptyPerson,
        MeetingError::NoDotsLeft(2),
        MeetingError::InvalidVoteSize { voters: 40, dots_each: 3 },
        MeetingError::NothingToAdopt,
    ];
    for error in errors {
        let (nl, en) = (error.message(Lang::Nl), error.message(Lang::En));
        assert!(!nl.is_empty() && !en.is_empty() && nl != en, "{nl} / {en}");
    }
    assert_eq!(MeetingError::NoDotsLeft(2).message(Lang::Nl), "Deelnemer 3 heeft geen stippen meer.");
    assert_eq!(MeetingError::NoDotsLeft(2).message(Lang::En), "Voter 3 has no dots left.");
}
