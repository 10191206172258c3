X = 'leaf'
