// Placeholder replaced by the writer benchmark driver.
print("tarn-bench: not built yet")
