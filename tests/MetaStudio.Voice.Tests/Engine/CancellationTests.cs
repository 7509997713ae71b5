using System.Diagnostics;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

public sealed class CancellationTests
{
    [Fact]
    public void Ctrl_C_stops_a_call_to_a_service_that_never_answers()
    {
        // A server that accepts connections and never answers.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            try { while (true) accepted.Add(await listener.AcceptTcpClientAsync()); }
            catch (Exception) { }
        });
        try
        {
            using var harness = new PsHarness();
            harness.Set("token", Secrets.Secure("t"));
            harness.Run($"Connect-MetaStudio -Endpoint http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/ -ProjectId p -Token $token").ThrowOnError();

            using var ps = PowerShell.Create();
            ps.Runspace = harness.Runspace;
            ps.AddScript("New-VoiceTrainingJob -VoiceName 'never answered'");
            var async = ps.BeginInvoke();
            SpinWait.SpinUntil(() => accepted.Count > 0, TimeSpan.FromSeconds(10));
            Assert.NotEmpty(accepted);
            Assert.False(async.IsCompleted);

            var watch = Stopwatch.StartNew();
            ps.Stop();
            watch.Stop();
            Assert.True(async.IsCompleted);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {watch.Elapsed}");
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        }
        finally
        {
            listener.Stop();
            foreach (var c in accepted) c.Dispose();
        }
    }
}
