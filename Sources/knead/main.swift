print("knead")
