"""PDF builders and images (ReportLab, Pillow). No Qt."""
