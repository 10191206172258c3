from importcirc.a import A
