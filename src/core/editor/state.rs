//! The editor state: the case history plus what the screen shows (selection, viewport,
//! panels, language, the stored cases). Every [`Action`] is a small, pure step of
//! [`EditorState::next`], and every change to the case goes through
//! [`crate::core::edit::apply`]. The UI wraps it in a Yew reducer and runs the effects.

use crate::core::edit::{apply, Edit, EditError};
use crate::core::editor::{Selection, Viewport};
use crate::core::history::History;
use crate::core::lang::Lang;
use crate::core::merge::{rebase_edit, Conflict};
use crate::core::model::{Case, Factor, Target};
use crate::core::rules::schema::Rule;
use crate::core::sorting;
use std::rc::Rc;

/// Which view shows the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MainView {
    /// The SVG map.
    Canvas,
    /// The editable tables.
    List,
}

/// Which side panel is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SidePanel {
    /// The vicious cycles.
    Analysis,
    /// Breakthrough points and the integral plan.
    Breakthrough,
    /// The mandate checklist of chosen interventions.
    Checklist,
    /// The rules library and templates.
    Library,
    /// The stored cases.
    Cases,
    /// The policy signal over all cases on the device.
    Signal,
    /// The case meeting's record and the dot vote.
    Meeting,
}

/// Which add form is open over the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Composer {
    /// Add a factor by typing.
    Factor,
    /// Add a link by choosing its ends.
    Link,
}

/// What a notice says: a text the UI wrote in the interface language, or an edit the
/// core refused (the UI says why, in the interface language).
#[derive(Clone, Debug, PartialEq)]
pub enum NoticeText {
    /// Said in the interface language.
    Said(String),
    /// An edit that was refused, and why.
    Refused(EditError),
}

/// A message for the live region: what just happened or went wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// What it says.
    pub text: NoticeText,
    /// Whether it reports a problem.
    pub is_error: bool,
}

impl Notice {
    /// A notice with a text in the interface language.
    pub fn said(text: impl Into<String>, is_error: bool) -> Notice {
        Notice { text: NoticeText::Said(text.into()), is_error }
    }
}

/// One stored case as the case list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseSummary {
    /// The record id.
    pub id: String,
    /// The case title (may be empty).
    pub title: String,
    /// When it was last saved, in milliseconds since 1970 (UTC).
    pub updated: f64,
    /// How many factors it has.
    pub factors: usize,
    /// How many links it has.
    pub links: usize,
    /// Why the stored record cannot be read (too big, a newer version, damaged), in the
    /// interface language; `None` for a case that opens.
    pub unreadable: Option<String>,
}

/// Where the stored cases stand.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum StorageStatus {
    /// Opening the database.
    #[default]
    Loading,
    /// Cases are loaded and every change is saved.
    Ready,
    /// The cases are encrypted; nothing loads or saves until the passphrase is given.
    Locked,
    /// The browser refused storage (its message); the case is not saved.
    Unavailable(String),
    /// Everything was wiped; nothing is saved until the page is reloaded.
    Wiped,
}

impl StorageStatus {
    /// The name tests and CSS see (`data-storage` on the root element).
    pub fn name(&self) -> &'static str {
        match self {
            StorageStatus::Loading => "loading",
            StorageStatus::Ready => "ready",
            StorageStatus::Locked => "locked",
            StorageStatus::Unavailable(_) => "unavailable",
            StorageStatus::Wiped => "wiped",
        }
    }
}

/// The rules library search as the user left it, kept while other panels are open.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LibrarySearch {
    /// The search words.
    pub query: String,
    /// The sector id searched in (empty: all).
    pub sector: String,
    /// The rule whose details are open.
    pub open: Option<String>,
}

/// The presentation on screen (see `core::presentation`): the step shown, when it
/// started, and what the editor showed before, which comes back when it ends.
#[derive(Clone, Debug, PartialEq)]
pub struct Presenting {
    /// The step on screen, as an index into the presented (not skipped) steps.
    pub step: usize,
    /// When the presentation started, in milliseconds of the page clock.
    pub started_ms: f64,
    before: (Viewport, MainView, Option<String>, Selection, Option<Composer>),
}

/// The whole editor state.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorState {
    /// The case and its undo/redo history.
    pub history: History<Case>,
    /// Selected factors and links.
    pub selection: Selection,
    /// Interface language.
    pub lang: Lang,
    /// Map or list.
    pub view: MainView,
    /// The open side panel.
    pub panel: SidePanel,
    /// The loop (by key) highlighted on the map.
    pub highlighted: Option<String>,
    /// Whether the cycles panel lists every loop, not only the first ones.
    pub all_cycles_shown: bool,
    /// The rules library search.
    pub library_search: LibrarySearch,
    /// The visible part of the map.
    pub viewport: Viewport,
    /// The factor whose label is being edited on the map.
    pub editing_label: Option<String>,
    /// A factor just added on the map whose name is being typed: the name joins the step
    /// that added it (one undo takes both back), unless anything else changed the case or
    /// its label editor closed first.
    pub naming: Option<String>,
    /// The add form open over the map, if any.
    pub composer: Option<Composer>,
    /// Whether the map fills the window (the side panels hidden), for a projector.
    pub map_only: bool,
    /// The intervention whose checklist is shown.
    pub checklist_target: Option<Target>,
    /// The last message for the live region.
    pub notice: Option<Notice>,
    /// The municipality's own rules (verordeningen, beleidsregels), added to the library.
    pub own_rules: Rc<Vec<Rule>>,
    /// The stored case on screen (`None` until the first save of a new case).
    pub case_id: Option<String>,
    /// How many actions this state has seen: a new number for every new state, so views
    /// can tell two states apart without comparing them.
    pub version: u64,
    /// How many cases were opened (loaded) so far: the map is fitted to each opened case,
    /// never to a case that was only saved for the first time while being drawn.
    pub opened: u32,
    /// The stored cases, most recently saved first.
    pub cases: Rc<Vec<CaseSummary>>,
    /// Where the stored cases stand.
    pub storage: StorageStatus,
    /// Whether stored cases are encrypted with a passphrase.
    pub encrypted: bool,
    /// Another tab saved or deleted the case on screen while this tab had unsaved
    /// changes that could not be merged. Autosave waits until the user chooses.
    pub conflict: Option<Held>,
    /// Fields this tab and another changed both (or a draft older than the stored
    /// field): what is on screen holds one side, the user chooses.
    pub merge_conflicts: Rc<Vec<Conflict>>,
    /// Why changes are not being saved right now (the browser's refusal), if they are not.
    pub save_problem: Option<String>,
    /// The presentation, while one is on screen.
    pub presenting: Option<Presenting>,
}

/// Why autosave holds: what another tab did to the case on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Held {
    /// It saved this revision, and the changes here could not be merged into it.
    Newer(u64),
    /// It deleted the case.
    Deleted,
}

impl Default for EditorState {
    fn default() -> Self {
        EditorState {
            history: History::new(Case::default()),
            selection: Selection::default(),
            lang: Lang::Nl,
            view: MainView::Canvas,
            panel: SidePanel::Analysis,
            highlighted: None,
            all_cycles_shown: false,
            library_search: LibrarySearch::default(),
            viewport: Viewport::default(),
            editing_label: None,
            naming: None,
            composer: None,
            map_only: false,
            checklist_target: None,
            notice: None,
            own_rules: Rc::new(Vec::new()),
            case_id: None,
            version: 0,
            opened: 0,
            cases: Rc::new(Vec::new()),
            storage: StorageStatus::Loading,
            encrypted: false,
            conflict: None,
            presenting: None,
            merge_conflicts: Rc::new(Vec::new()),
            save_problem: None,
        }
    }
}

impl EditorState {
    /// The present case.
    pub fn case(&self) -> &Rc<Case> {
        self.history.current()
    }
}

/// Everything the UI can ask the state to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Applies an edit as one undo step; a refused edit becomes an error notice.
    Edit(Edit),
    /// Applies `after`, an update of a factor or link made from the copy `before`, to
    /// that factor or link as it is now: only the fields the user changed change
    /// (see [`rebase_edit`]), so a stale copy never undoes what another tab saved.
    EditFrom {
        /// The edit of the copy as it was (its factor or link before the change).
        before: Edit,
        /// The edit with the user's change.
        after: Edit,
    },
    /// Applies an edit and selects the given factors/links afterwards.
    EditAndSelect(Edit, Selection),
    /// Adds a factor where the user double-clicked, selects it and opens its name for
    /// typing; the name, when it comes, is part of the same undo step.
    AddFactorToName(Factor),
    /// Steps back.
    Undo,
    /// Steps forward.
    Redo,
    /// Opens a case without undo history (from storage).
    Load(Case),
    /// Replaces the case on screen by a newer version of the same case (from another
    /// tab, merged): no undo history, but selection, panels and the map stay.
    Reload(Case),
    /// Replaces the selection.
    Select(Selection),
    /// Adds or removes one factor from the selection.
    ToggleFactor(String),
    /// Switches the language.
    SetLang(Lang),
    /// Switches map/list.
    SetView(MainView),
    /// Opens a side panel.
    SetPanel(SidePanel),
    /// Highlights a loop on the map (or none).
    Highlight(Option<String>),
    /// Lists every loop in the cycles panel.
    ShowAllCycles,
    /// Changes the rules library search.
    SetLibrarySearch(LibrarySearch),
    /// Moves or zooms the map.
    SetViewport(Viewport),
    /// Starts or stops inline label editing.
    EditLabel(Option<String>),
    /// Opens an add form over the map, or closes it.
    SetComposer(Option<Composer>),
    /// Shows the map alone, or with the side panels.
    SetMapOnly(bool),
    /// Shows the checklist of an intervention.
    ShowChecklist(Target),
    /// Shows a message in the live region.
    Notify(Notice),
    /// Takes back a message that no longer holds (a privacy warning whose text is gone),
    /// if it is still the one shown.
    Withdraw(Notice),
    /// Replaces the user's own rules (validated by the caller).
    SetOwnRules(Vec<Rule>),
    /// Sets where the stored cases stand.
    SetStorage(StorageStatus),
    /// Replaces the case list (sorted here, most recent first).
    SetCases(Vec<CaseSummary>),
    /// Marks which stored case is on screen.
    SetCaseId(Option<String>),
    /// A case was saved: updates its entry in the list and marks it as on screen.
    CaseSaved(CaseSummary),
    /// Records whether stored cases are encrypted.
    SetEncrypted(bool),
    /// Another tab saved or deleted this case over unsaved changes, or the conflict was
    /// resolved (`None`). A conflict opens the cases panel, where the choice is.
    SetConflict(Option<Held>),
    /// Replaces the fields in conflict; a non-empty list opens the cases panel.
    SetMergeConflicts(Vec<Conflict>),
    /// Saving fails (with the reason), or works again (`None`).
    SetSaveProblem(Option<String>),
    /// Starts presenting at the first step (the page clock's time now, for the timer):
    /// the map view, nothing selected or highlighted, no add form.
    StartPresenting(f64),
    /// Shows another step of the presentation.
    PresentStep(usize),
    /// Ends the presentation and shows the editor as it was.
    StopPresenting,
}

impl EditorState {
    /// The state after `action`.
    pub fn next(&self, action: Action) -> EditorState {
        let mut next = self.clone();
        next.version = self.version.wrapping_add(1);
        match action {
            Action::Edit(Edit::UpdateFactor(factor)) if self.naming.as_deref() == Some(factor.id.as_str()) => {
                next.naming = None;
                next.amend_edit(&Edit::UpdateFactor(factor));
            }
            Action::Edit(edit) => {
                next.apply_edit(&edit);
            }
            Action::AddFactorToName(factor) => {
                let id = factor.id.clone();
                if next.apply_edit(&Edit::AddFactor(factor)) {
                    next.selection = Selection::factor(&id);
                    next.editing_label = Some(id.clone());
                    next.naming = Some(id);
                }
            }
            Action::EditFrom { before, after } => {
                next.apply_edit(&rebase_edit(self.case(), &before, &after));
            }
            Action::EditAndSelect(edit, selection) => {
                if next.apply_edit(&edit) {
                    next.selection = selection;
                }
            }
            Action::Undo => {
                next.naming = None;
                if next.history.undo() {
                    next.prune_selection();
                }
            }
            Action::Redo => {
                next.naming = None;
                if next.history.redo() {
                    next.prune_selection();
                }
            }
            Action::Load(case) => {
                next.naming = None;
                next.history.reset(case);
                next.opened = next.opened.wrapping_add(1);
                next.selection = Selection::default();
                next.highlighted = None;
                next.all_cycles_shown = false;
                next.checklist_target = None;
            }
            Action::Reload(case) => {
                next.naming = None;
                next.history.reset(case);
                next.prune_selection();
            }
            Action::Select(selection) => next.selection = selection,
            Action::ToggleFactor(id) => next.selection.toggle_factor(&id),
            Action::SetLang(lang) => {
                // A notice said in the other language goes; a typed one is said anew in this one.
                if lang != self.lang && matches!(next.notice, Some(Notice { text: NoticeText::Said(_), .. })) {
                    next.notice = None;
                }
                next.lang = lang;
            }
            Action::SetView(view) => next.view = view,
            Action::SetPanel(panel) => next.panel = panel,
            Action::Highlight(key) => next.highlighted = key,
            Action::ShowAllCycles => next.all_cycles_shown = true,
            Action::SetLibrarySearch(search) => next.library_search = search,
            Action::SetViewport(viewport) => next.viewport = viewport,
            Action::EditLabel(id) => {
                if id != next.naming {
                    next.naming = None;
                }
                next.editing_label = id;
            }
            Action::SetComposer(composer) => next.composer = composer,
            Action::SetMapOnly(map_only) => next.map_only = map_only,
            Action::ShowChecklist(target) => {
                next.checklist_target = Some(target);
                next.panel = SidePanel::Checklist;
            }
            Action::Notify(notice) => next.notice = Some(notice),
            Action::Withdraw(notice) => {
                if next.notice.as_ref() == Some(&notice) {
                    next.notice = None;
                }
            }
            Action::SetOwnRules(rules) => next.own_rules = Rc::new(rules),
            Action::SetStorage(status) => next.storage = status,
            Action::SetCases(mut cases) => {
                sorting::sort_by(&mut cases, |a, b| b.updated.total_cmp(&a.updated));
                next.cases = Rc::new(cases);
            }
            Action::SetCaseId(id) => next.case_id = id,
            Action::CaseSaved(summary) => {
                let mut cases: Vec<CaseSummary> = next.cases.iter().filter(|c| c.id != summary.id).cloned().collect();
                next.case_id = Some(summary.id.clone());
                cases.insert(0, summary);
                next.cases = Rc::new(cases);
            }
            Action::SetEncrypted(encrypted) => next.encrypted = encrypted,
            Action::StartPresenting(started_ms) => {
                if self.presenting.is_none() {
                    let before =
                        (self.viewport, self.view, self.highlighted.clone(), self.selection.clone(), self.composer);
                    next.presenting = Some(Presenting { step: 0, started_ms, before });
                    next.view = MainView::Canvas;
                    next.highlighted = None;
                    next.selection = Selection::default();
                    next.composer = None;
                    next.editing_label = None;
                }
            }
            Action::PresentStep(step) => {
                if let Some(presenting) = &mut next.presenting {
                    presenting.step = step;
                }
            }
            Action::StopPresenting => {
                if let Some(Presenting { before, .. }) = next.presenting.take() {
                    (next.viewport, next.view, next.highlighted, next.selection, next.composer) = before;
                    next.prune_selection();
                }
            }
            Action::SetConflict(conflict) => {
                if conflict.is_some() {
                    next.panel = SidePanel::Cases;
                }
                next.conflict = conflict;
            }
            Action::SetMergeConflicts(conflicts) => {
                if !conflicts.is_empty() {
                    next.panel = SidePanel::Cases;
                }
                next.merge_conflicts = Rc::new(conflicts);
            }
            Action::SetSaveProblem(problem) => next.save_problem = problem,
        }
        next
    }
}

impl EditorState {
    /// Applies `edit` as a new history step; returns whether it was applied.
    fn apply_edit(&mut self, edit: &Edit) -> bool {
        let applied = self.apply_with(edit, History::push);
        if applied {
            self.naming = None;
        }
        applied
    }

    /// Applies `edit` to the present history step instead of adding one (see
    /// [`EditorState::naming`]).
    fn amend_edit(&mut self, edit: &Edit) {
        self.apply_with(edit, History::amend);
    }

    /// Applies `edit`, records the changed case in the history with `record`, and says
    /// on screen why when the edit is refused.
    fn apply_with(&mut self, edit: &Edit, record: fn(&mut History<Case>, Case)) -> bool {
        match apply(self.case(), edit) {
            Ok(case) => {
                record(&mut self.history, case);
                self.prune_selection();
                true
            }
            Err(error) => {
                self.notice = Some(Notice { text: NoticeText::Refused(error), is_error: true });
                false
            }
        }
    }

    /// Drops selected ids that no longer exist after an edit, undo or redo.
    fn prune_selection(&mut self) {
        let case = Rc::clone(self.case());
        self.selection.prune(&case);
        if let Some(id) = &self.editing_label {
            if case.factor(id).is_none() {
                self.editing_label = None;
            }
        }
    }
}
