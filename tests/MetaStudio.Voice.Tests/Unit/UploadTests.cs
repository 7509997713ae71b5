using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Upload;

namespace MetaStudio.Voice.Tests.Unit;

public sealed class UploadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("msv-unit-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string WriteFile(string name, int bytes)
    {
        var path = Path.Combine(_dir, name);
        var data = new byte[bytes];
        new Random(bytes).NextBytes(data);
        File.WriteAllBytes(path, data);
        return path;
    }

    [Fact]
    public async Task Put_streams_the_file_with_exact_content_type_and_length_and_no_credentials()
    {
        var path = WriteFile("a.zip", 3 * 1024 * 1024 + 7);
        var handler = new FakeHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK));
        var uploader = new ObjectUploader(new HttpClient(handler));
        long reported = 0;
        var result = await uploader.PutFileAsync(new Uri("https://b.obs/x.zip?Signature=s"), path, "application/zip",
            n => reported += n, NullOperationLog.Instance, default);

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("application/zip", request.Content!.Headers.ContentType!.ToString());
        Assert.Equal(new FileInfo(path).Length, request.Content.Headers.ContentLength);
        Assert.False(request.Headers.Contains("X-Auth-Token"));
        Assert.False(request.Headers.Contains("Authorization"));
        Assert.Equal(File.ReadAllBytes(path), body);
        Assert.Equal(new FileInfo(path).Length, reported);
        Assert.Equal(new FileInfo(path).Length, result.Bytes);
    }

    [Fact]
    public async Task Obs_error_becomes_an_object_storage_exception_without_the_url()
    {
        var handler = new FakeHandler((_, _) => new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            Content = new StringContent("<Error><Code>SignatureDoesNotMatch</Code><Message>no</Message><RequestId>R</RequestId></Error>")
        });
        var path = WriteFile("b.zip", 10);
        var ex = await Assert.ThrowsAsync<ObjectStorageException>(() => new ObjectUploader(new HttpClient(handler))
            .PutFileAsync(new Uri("https://b.obs/x.zip?Signature=TOPSECRET"), path, "application/zip", null, NullOperationLog.Instance, default));
        Assert.Equal("SignatureDoesNotMatch", ex.Code);
        Assert.DoesNotContain("TOPSECRET", ex.ToString());
    }

    [Fact]
    public void Folder_package_takes_top_level_wav_and_txt_and_names_the_rest()
    {
        WriteFile("0.wav", 100);
        WriteFile("0.txt", 5);
        WriteFile("notes.docx", 5);
        Directory.CreateDirectory(Path.Combine(_dir, "old"));
        var package = TrainingPackage.Resolve(_dir);
        Assert.True(package.NeedsZip);
        Assert.Equal(new[] { "0.txt", "0.wav" }, package.Entries.Select(e => e.Name));
        Assert.Contains("notes.docx", package.Skipped);
        Assert.Contains(package.Skipped, s => s.StartsWith("old"));
    }

    [Fact]
    public async Task Built_zip_has_names_at_its_root_and_the_exact_bytes()
    {
        var wav = WriteFile("voice.wav", 200_000);
        var package = TrainingPackage.Resolve(wav);
        var zip = Path.Combine(_dir, "out.zip");
        await package.WriteZipAsync(zip, null, default);
        using var archive = ZipFile.OpenRead(zip);
        var entry = Assert.Single(archive.Entries);
        Assert.Equal("voice.wav", entry.FullName);
        using var s = entry.Open();
        Assert.Equal(MD5.HashData(File.ReadAllBytes(wav)), MD5.HashData(s));
    }

    [Theory]
    [InlineData("data.mp3", "TrainingDataWrongType", MetaStudioErrorKind.InvalidArgument)]
    [InlineData("fake.zip", "TrainingDataNotZip", MetaStudioErrorKind.InvalidArgument)]
    [InlineData("missing.zip", "TrainingDataNotFound", MetaStudioErrorKind.NotFound)]
    public void Bad_paths_get_precise_errors(string name, string errorId, MetaStudioErrorKind kind)
    {
        if (name != "missing.zip") WriteFile(name, 100);
        var ex = Assert.Throws<MetaStudioException>(() => TrainingPackage.Resolve(Path.Combine(_dir, name)));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(kind, ex.Kind);
    }

    [Fact]
    public void Folder_without_audio_is_refused()
    {
        WriteFile("0.txt", 5);
        Assert.Equal("NoTrainingAudio", Assert.Throws<MetaStudioException>(() => TrainingPackage.Resolve(_dir)).ErrorId);
    }

    [Fact]
    public void More_than_5_GiB_is_refused_before_any_upload()
    {
        var path = Path.Combine(_dir, "huge.zip");
        using (var f = File.Create(path))
        {
            f.Write("PK\u0003\u0004"u8);
            f.SetLength(TrainingPackage.MaxUploadBytes + 1); // sparse: costs no disk
        }
        var ex = Assert.Throws<MetaStudioException>(() => TrainingPackage.Resolve(path));
        Assert.Equal("TrainingDataTooLarge", ex.ErrorId);
        Assert.Equal(MetaStudioErrorKind.LimitsExceeded, ex.Kind);
    }
}
