"""The desktop app (PySide6): the only package that imports Qt.

How it hangs together::

    app.run_app            QApplication, Session, MainWindow; --screenshots
    session.Session        holds the open store; lock/unlock; query/change; `changed`
    operations.QueryOp     run a callable on a worker, call back on the main thread
    profile_ops, case_ops  the operations: plain functions over Profile and Store
    main_window            page stack, Vergrendelen (Ctrl+L), idle and suspend lock
    first_run, unlock      making and opening a profile
    case_list(_model)      CaseListModel + CaseFilterProxy + the page (phase and
                           attention filters); new_case: the "Nieuwe casus" dialog
    case_view              the case page: Overzicht, Casusbespreking, then one
                           TemplateView tab per template; Ctrl+1..9
    dashboard, dashboard_data, dashboard_models, score_chart
                           Overzicht: phase and roles, the score over time,
                           netwerkberaad, vergewisplicht, agreements, handover, findings
    focus                  a finding's Target: scroll and focus where it is resolved
    meeting, meeting_phase, meeting_actions, action_model, meeting_ops
                           Casusbespreking: the gespreksleidraad live, BOB steps per
                           phase, the action list; closing needs an owner per action
    template_view, section_view, table_view, entity_model
                           any template rendered from its sections and fields
    case_values, display   where a field's value lives; how it reads in Dutch
    field_ref, occasions   the stored field behind an editor; occasions of a template
    form_rows, list_section, occasion_bar
                           a section's form (label, prompt, editor), its rows, occasions
    editor_factory, field_editors, date_editor, scale_editor, check_list
                           an editor per field type (value/set_value/is_valid/edited)
    editing, autosave      editors bound to their fields; saved while typing
    edit_ops, undo, edit_actions
                           the writes; undo steps per case; Ctrl+Z, Ctrl+Shift+Z, Ctrl+H
    row_actions, row_editor, history_dialog
                           add/change/delete rows in a dialog; a field's history

Rules: widgets never touch the store; they go through the session's operations.
Every user-visible string goes through ``tr()``. No case data in window titles or
logs. Locking drops every widget and model that showed case data.
"""
