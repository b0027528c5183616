"""Numbered schema migrations. Each runs once, in its own transaction, in order.

Never edit a migration that has shipped: add the next one. ``tests/test_migrations.py``
builds a database at every earlier version, fills it the way that version did, and
checks that opening it with today's code keeps every row.
"""

from __future__ import annotations

from casusregie.store.sqlite import Connection

__all__ = ["LATEST", "MIGRATIONS", "migrate", "schema_version"]


_V1 = (  # The first schema: entities, their current field values, the change log.
    """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE entities (
            entity_type TEXT NOT NULL,
            entity_id   TEXT NOT NULL,
            case_id     TEXT NOT NULL,
            deleted     INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (entity_type, entity_id)
        );  -- rowid order = creation order, kept in exports
        CREATE INDEX entities_by_case ON entities (case_id, entity_type);
        CREATE TABLE fields (
            entity_type TEXT NOT NULL,
            entity_id   TEXT NOT NULL,
            field       TEXT NOT NULL,
            value       TEXT NOT NULL,      -- JSON
            hlc         TEXT NOT NULL,      -- stamp of the change that set it
            PRIMARY KEY (entity_type, entity_id, field)
        ) WITHOUT ROWID;
        CREATE TABLE changes (
            seq         INTEGER PRIMARY KEY,
            change_id   TEXT NOT NULL UNIQUE,
            txn_id      TEXT NOT NULL,
            entity_type TEXT NOT NULL,
            entity_id   TEXT NOT NULL,
            case_id     TEXT NOT NULL,
            field       TEXT NOT NULL,      -- '_exists' records creation and deletion
            old         TEXT,               -- JSON, NULL when there was no value
            new         TEXT,               -- JSON, NULL when the value was removed
            author      TEXT NOT NULL,
            device      TEXT NOT NULL,
            hlc         TEXT NOT NULL
        );
        CREATE INDEX changes_by_field ON changes (entity_type, entity_id, field);
        """
)


_V2 = (  # One row per user action, with its Dutch label, for history and undo.
    """
        CREATE TABLE transactions (
            txn_id    TEXT PRIMARY KEY,
            action    TEXT NOT NULL,
            author    TEXT NOT NULL,
            device    TEXT NOT NULL,
            hlc       TEXT NOT NULL,
            wall_time TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO transactions (txn_id, action, author, device, hlc, wall_time)
            SELECT txn_id, '', MIN(author), MIN(device), MIN(hlc), ''
            FROM changes GROUP BY txn_id;
        CREATE INDEX changes_by_case ON changes (case_id, seq);
        """
)


_V3 = (  # The disclosure log: every print, export or sync of case data, for the family.
    """
        CREATE TABLE disclosures (
            seq        INTEGER PRIMARY KEY,
            case_id    TEXT NOT NULL,
            what       TEXT NOT NULL,
            recipient  TEXT NOT NULL,
            basis      TEXT NOT NULL,
            purpose    TEXT NOT NULL,
            at         TEXT NOT NULL,
            by_author  TEXT NOT NULL
        );
        CREATE INDEX disclosures_by_case ON disclosures (case_id, seq);
        """
)


_V4 = (  # Sync with the central office: enrolment, what the office holds, what is owed.
    """
        -- office URL, device id and token at the office, pinned certificate, cursors
        CREATE TABLE sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- fields changed since they were last shared (filled from the change log)
        CREATE TABLE sync_dirty (
            entity_type TEXT NOT NULL,
            entity_id   TEXT NOT NULL,
            field       TEXT NOT NULL,
            case_id     TEXT NOT NULL,
            PRIMARY KEY (entity_type, entity_id, field)
        ) WITHOUT ROWID;
        CREATE INDEX sync_dirty_by_case ON sync_dirty (case_id);
        -- what the office holds, as far as this device knows (no values: their hash)
        CREATE TABLE sync_shared (
            entity_type TEXT NOT NULL,
            entity_id   TEXT NOT NULL,
            field       TEXT NOT NULL,
            case_id     TEXT NOT NULL,
            category    TEXT NOT NULL,
            hlc         TEXT NOT NULL,
            value_hash  TEXT NOT NULL,
            PRIMARY KEY (entity_type, entity_id, field)
        ) WITHOUT ROWID;
        CREATE INDEX sync_shared_by_case ON sync_shared (case_id, category);
        -- per case: categories with a basis at the last sync, when to look again, cursors
        CREATE TABLE sync_cases (
            case_id     TEXT PRIMARY KEY,
            allowed     TEXT NOT NULL DEFAULT '[]',
            next_check  TEXT,
            pull_after  INTEGER NOT NULL DEFAULT 0,
            state       TEXT NOT NULL DEFAULT 'actief'
        ) WITHOUT ROWID;
        -- sharing epoch per case and category (grows with every retraction)
        CREATE TABLE sync_epochs (
            case_id  TEXT NOT NULL,
            category TEXT NOT NULL,
            epoch    INTEGER NOT NULL,
            PRIMARY KEY (case_id, category)
        ) WITHOUT ROWID;
        -- retractions owed to the office (consent withdrawn or lapsed), until confirmed
        CREATE TABLE sync_retractions (
            case_id    TEXT NOT NULL,
            category   TEXT NOT NULL,
            op_id      TEXT NOT NULL,
            epoch      INTEGER NOT NULL,
            reason     TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (case_id, category)
        ) WITHOUT ROWID;
        -- losing values of concurrent edits, kept and shown to the user
        CREATE TABLE sync_conflicts (
            seq         INTEGER PRIMARY KEY,
            case_id     TEXT NOT NULL,
            entity_type TEXT NOT NULL,
            entity_id   TEXT NOT NULL,
            field       TEXT NOT NULL,
            value       TEXT,               -- JSON of the losing value
            hlc         TEXT NOT NULL,      -- its stamp
            winner_hlc  TEXT NOT NULL,
            detected_at TEXT NOT NULL,
            resolved_at TEXT
        );
        CREATE INDEX sync_conflicts_by_case ON sync_conflicts (case_id, resolved_at);
        -- inbound deletions held back by the mass-deletion fail-safe, until confirmed
        CREATE TABLE sync_held (
            case_id TEXT PRIMARY KEY,
            deletes INTEGER NOT NULL,
            fields  INTEGER NOT NULL,
            at      TEXT NOT NULL
        ) WITHOUT ROWID;
        """
)


_V5 = (  # The device's latest stamp without scanning the whole change log (open, write).
    """
        CREATE INDEX changes_by_device ON changes (device, hlc);
        """
)

_V6 = (  # Content-aware categories, the sync preview and the ledger on a handover.
    """
        -- which category was shown to the regisseur for which recipient, per case:
        -- nothing of a category goes to a recipient the first time before it was shown
        CREATE TABLE sync_shown (
            case_id   TEXT NOT NULL,
            category  TEXT NOT NULL,
            recipient TEXT NOT NULL,
            shown_at  TEXT NOT NULL,
            PRIMARY KEY (case_id, category, recipient)
        ) WITHOUT ROWID;
        -- rows shared before their category followed their content: look again at
        -- what the office holds at the next sync (wrongly filed values are wiped there)
        INSERT OR REPLACE INTO sync_meta (key, value) VALUES ('recheck_categories', '1');
        -- the consent ledger now travels with the case (to the office, for a handover)
        INSERT OR IGNORE INTO sync_dirty (entity_type, entity_id, field, case_id)
            SELECT DISTINCT entity_type, entity_id, field, case_id FROM changes
            WHERE entity_type = 'consent';
        """
)

#: MIGRATIONS[n - 1] takes a database from version n - 1 to n.
MIGRATIONS: list[str] = [_V1, _V2, _V3, _V4, _V5, _V6]
LATEST = len(MIGRATIONS)


def schema_version(db: Connection) -> int:
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(db: Connection, target: int = LATEST) -> int:
    """Bring the schema to ``target``; returns the version found before."""
    found = schema_version(db)
    if found > LATEST:
        from casusregie.domain.errors import StoreDamaged

        raise StoreDamaged(
            "Dit bestand is gemaakt met een nieuwere versie van Casusregie. Werk Casusregie bij."
        )
    for version in range(found + 1, target + 1):
        # executescript would commit an open transaction, so the script carries its own.
        try:
            db.executescript(
                f"BEGIN IMMEDIATE;\n{MIGRATIONS[version - 1]}\n"
                f"PRAGMA user_version = {int(version)};\nCOMMIT;"
            )
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
    return found
