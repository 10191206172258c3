WHAT = 'namespace package member'
