"""The only package in lib/ that imports Streamlit, one job a module: cache (the store and every
cached question), layout (router check, banners, footer), sidebar (the filter bar), chips (the
filters row atop every staff page), drill (from a figure to its transactions, downloads), staff
(sign-in and who is making a change), tiles (the scorecard tiles)."""
