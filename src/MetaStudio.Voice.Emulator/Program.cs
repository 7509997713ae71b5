using System.Runtime.InteropServices;
using MetaStudio.Voice.Emulator;

CommandLine commandLine;
try
{
    commandLine = CommandLine.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}
if (commandLine.ShowHelp)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

await using var emulator = await MetaStudioEmulator.StartAsync(commandLine.Options);
Console.WriteLine($"MetaStudio emulator listening on {emulator.BaseUri}");
foreach (var (token, project) in emulator.Options.Tokens)
{
    // Local test tokens only; printing them is intended.
    Console.WriteLine($"project: {project}  token: {token}");
}
// Authentication (IAM, AK/SK): local test credentials; printing them is intended.
foreach (var user in emulator.Options.IamUsers)
{
    Console.WriteLine($"iam user: {user.DomainName}/{user.UserName}  password: {user.Password}  project: {user.ProjectId} ({emulator.Options.ProjectName})");
}
foreach (var key in emulator.Options.AccessKeys)
{
    Console.WriteLine($"access key: {key.AccessKey}  secret key: {key.SecretKey}  project: {key.ProjectId}" +
        (key.SecurityToken is null ? "" : $"  security token: {key.SecurityToken}"));
}
if (emulator.Options.RateLimitPerSecond is { } rateLimit) Console.WriteLine($"rate limit: {rateLimit} requests/s per project");
// Fault injection, short jobs, receipt checks
if (emulator.Faults is { } faultPlan)
{
    Console.WriteLine($"faults: seed {faultPlan.Seed}: {string.Join(", ", faultPlan.Rules)}");
}
Console.WriteLine($"data: {(emulator.Options.DiscardUploads ? "(discarded)" : emulator.DataDirectory)}");
if (commandLine.UrlFile is { } urlFile)
{
    var temp = urlFile + ".tmp";
    await File.WriteAllTextAsync(temp, emulator.BaseUri.ToString());
    File.Move(temp, urlFile, overwrite: true);
}
Console.Out.Flush();

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
Console.WriteLine("MetaStudio emulator stopping.");
return 0;
