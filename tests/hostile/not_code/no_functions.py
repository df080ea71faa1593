print("I only print")
x = compute()
