def generate(): pass
class DemoFiles: pass
