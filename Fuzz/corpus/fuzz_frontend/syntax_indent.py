if x:
	if y:
		pass
  
x = (1 +
     2) \
    + 3; y = 4
