"""The desktop app (PySide6): the only package that imports Qt.

Layout, top to bottom (a package may import the ones below it, never above; the
import-linter contracts in pyproject.toml check it, and that every module has a place
here: a new module goes into one of these sub-packages)::

    app                  run_app: QApplication, Session, MainWindow; --screenshots
    screenshots/         the --screenshots run: every page on the demo profile, as PNG
    main_window          page stack, menus, Vergrendelen (Ctrl+L), idle and suspend lock
    pages/               one module per page or tab: first_run, unlock, case_list,
                         case (Ctrl+1..9 tabs), dashboard (+ score_chart), focus,
                         meeting (+ meeting_phase, meeting_actions), consent,
                         child_talks (Kinderen > In hun eigen woorden); side_list
                         (the case page's list of pages, and Tab from it)
    actions/             menu actions on the case on screen: edit (undo, redo,
                         history), report (+ printing), sync
    forms/               any template rendered: template, section, form_rows,
                         list_section, table, occasion_bar; row_actions (add/change/
                         delete rows), restrictions ('Niet delen met')
    pictures/            the pictures (genogram, sociogram, timeline, triangle) on screen
    dialogs/             modal dialogs: new_case, row_editor, history, copy, sync,
                         child_talk (a conversation with a child; a worksheet)
    models | editors     models/: Qt item models over case data, no widgets. Every
                         table model is a base.RowTableModel (headers, a row's texts,
                         own roles): case_list, entity, action, consent, history,
                         dashboard, child_talks. editors/: an editor per field type
                         (factory, fields, date, scale, check_list, choice); cells
                         (FieldDelegate: table cells with those editors); editing binds
                         them to fields; autosave
    session, widgets,    the open store (query/change, lock, `changed`); shared small
    idle, fonts          widgets; idle lock; the shipped fonts
    ops/                 the operations, plain functions over Profile and Store (no Qt),
                         run through the session: case, edit, meeting, profile, undo,
                         consent, restriction, sync, child_talks. Every write lives here,
                         never in a widget module
    operations, display  QueryOp (a callable on a worker, result on the main thread);
                         stored values as Dutch text

Qt-free logic lives below ui: ``domain.overview`` (what the dashboard shows),
``templates.field_ref`` / ``templates.values`` / ``templates.occasions`` (where a
template field's value lives in a case file), ``store.passphrase`` (strength hint).

Rules: widgets never touch the store; they go through the session's operations.
Every user-visible string goes through ``tr()``. No case data in window titles or
logs. Locking drops every widget and model that showed case data.
"""
