print("knead-bench")
