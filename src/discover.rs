//! Discovery: walk the ingest roots and list the files boardpapers reads.
