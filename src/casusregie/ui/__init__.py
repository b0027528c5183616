"""The desktop app (PySide6): the only package that imports Qt.

How it hangs together::

    app.run_app            QApplication, Session, MainWindow; --screenshots
    session.Session        holds the open store; lock/unlock; query/change; `changed`
    operations.QueryOp     run a callable on a worker, call back on the main thread
    profile_ops, case_ops  the operations: plain functions over Profile and Store
    main_window            page stack, Vergrendelen (Ctrl+L), idle and suspend lock
    first_run, unlock      making and opening a profile
    case_list(_model)      CaseListModel + CaseFilterProxy + the page
    case_view              the case page: one TemplateView tab per template
    template_view, section_view, table_view, entity_model
                           any template rendered from its sections and fields
    case_values, display   where a field's value lives; how it reads in Dutch

Rules: widgets never touch the store; they go through the session's operations.
Every user-visible string goes through ``tr()``. No case data in window titles or
logs. Locking drops every widget and model that showed case data.
"""
