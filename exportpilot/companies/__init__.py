"""The company register: CVR data, industry, SME class, products, export status, contacts."""
