using MetaStudio.Voice.Emulator;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (measures the whole process)";
}

/// <summary>Uploads stream: what the process allocates does not grow with the file's size.</summary>
[Collection(SerialCollection.Name)]
public sealed class StreamingTests
{
    [Fact]
    public async Task A_512_MiB_upload_allocates_a_small_constant_not_the_file()
    {
        await using var sink = await MetaStudioEmulator.StartAsync(new EmulatorOptions { DiscardUploads = true });
        using var data = new TestData();
        const long size = 512L * 1024 * 1024;
        var zip = Path.Combine(data.Root, "big.zip");
        using (var f = File.Create(zip))
        {
            f.Write("PK\u0003\u0004"u8);
            f.SetLength(size); // sparse: no disk, read back as zeros at page-cache speed; not a real zip, so -SkipValidation below
        }
        using var ps = new PsHarness();
        ps.Set("endpoint", sink.BaseUri.ToString());
        ps.Set("token", Secrets.Secure(EmulatorFixture.Token));
        ps.Set("zip", zip);
        ps.Run($"Connect-MetaStudio -Endpoint $endpoint -ProjectId {EmulatorFixture.ProjectId} -Token $token; $job = New-VoiceTrainingJob -VoiceName big").ThrowOnError();

        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var job = ps.Run("$job | Send-VoiceTrainingData -Path $zip -SkipValidation").ThrowOnError().Single<VoiceTrainingJob>();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.NotNull(job.DataUploadedAt);
        var stored = Assert.Single(sink.Objects, o => o.Key.Contains(job.JobId));
        Assert.Equal(size, stored.Size);
        // Buffered, this would be >= 512 MiB; streamed, it is buffers and bookkeeping (both client and emulator are in this process).
        Assert.True(allocated < 48L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MiB for a {size / (1024 * 1024)} MiB upload");
    }
}
