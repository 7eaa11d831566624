"""Backing Lancashire Spend Insight: everything below the pages (no Streamlit here but lib/ui/)."""
