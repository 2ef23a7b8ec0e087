import AtelierCLI

AtelierCommand.main()
