Console.Error.WriteLine("governance: no commands are wired into this build yet");
return 2;
