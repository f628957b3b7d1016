"""The write stage: the dataset tables, the result cache, the review workbook, the database
and the report."""
