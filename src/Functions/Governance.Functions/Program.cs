// Entry point of the single bootstrap executable; replaced by the runtime wiring once hosting lands.
Console.Error.WriteLine("bootstrap: the Lambda runtime loop is not wired into this build yet");
return 2;
