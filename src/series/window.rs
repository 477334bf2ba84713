//! Folding rows into hourly windows, and days and months from hours (next increment).
