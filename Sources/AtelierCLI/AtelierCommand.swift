public enum AtelierCommand { public static func main() {} }
