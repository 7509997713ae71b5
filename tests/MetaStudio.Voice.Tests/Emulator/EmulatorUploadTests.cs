using System.Net;
using System.Net.Sockets;
using System.Text;
using MetaStudio.Voice.Emulator;

namespace MetaStudio.Voice.Tests.Emulator;

public class EmulatorUploadTests
{
    private const string XmlProlog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>";

    [Fact]
    public async Task Put_with_good_signature_streams_bytes_to_disk_with_md5_etag()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var created = await c.CreateAsync("advance", """{"voice_name":"v"}""");
        var jobId = created.GetProperty("job_id").GetString()!;
        var data = EmulatorTestClient.RandomBytes(3 * 1024 * 1024 + 17);

        using var response = await c.PutAsync(created.GetProperty("training_data_uploading_url").GetString()!, data, "application/zip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var md5 = EmulatorTestClient.Md5Hex(data);
        Assert.Equal($"\"{md5}\"", response.Headers.ETag!.Tag);
        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("x-obs-request-id").Single());
        var stored = Assert.Single(c.Emulator.Objects);
        Assert.Equal("metastudio-voice-training", stored.Bucket);
        Assert.Equal($"{EmulatorTestClient.Project}/{jobId}/data.zip", stored.Key);
        Assert.Equal(data.Length, stored.Size);
        Assert.Equal(md5, stored.Md5Hex);
        Assert.Equal("application/zip", stored.ContentType);
        Assert.Equal(Path.Combine(c.Emulator.DataDirectory, "metastudio-voice-training", EmulatorTestClient.Project, jobId, "data.zip"), stored.FilePath);
        Assert.Equal(data, await File.ReadAllBytesAsync(stored.FilePath!));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(stored.FilePath!)!, "*.tmp"));

        // Last write wins.
        var second = EmulatorTestClient.RandomBytes(10);
        using var again = await c.PutAsync(created.GetProperty("training_data_uploading_url").GetString()!, second, "application/zip");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(second, await File.ReadAllBytesAsync(stored.FilePath!));
        Assert.Equal(EmulatorTestClient.Md5Hex(second), Assert.Single(c.Emulator.Objects).Md5Hex);
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    [InlineData("application/zip; charset=utf-8")]
    public async Task Put_with_other_content_type_is_403_SignatureDoesNotMatch(string? contentType)
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var created = await c.CreateAsync("basic", """{"voice_name":"v"}""");
        using var response = await c.PutAsync(created.GetProperty("training_data_uploading_url").GetString()!, [1, 2, 3], contentType);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.StartsWith(XmlProlog + "SignatureDoesNotMatch</Code>", xml);
        var requestId = response.Headers.GetValues("x-obs-request-id").Single();
        Assert.Contains($"<RequestId>{requestId}</RequestId><HostId>", xml);
        Assert.Empty(c.Emulator.Objects);
    }

    [Fact]
    public async Task Tampered_or_incomplete_query_is_403_SignatureDoesNotMatch()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var url = (await c.CreateAsync("basic", """{"voice_name":"v"}""")).GetProperty("training_data_uploading_url").GetString()!;
        var uri = new Uri(url);
        var tamperedExpires = System.Text.RegularExpressions.Regex.Replace(url, "Expires=([0-9]+)", m => "Expires=" + (long.Parse(m.Groups[1].Value) + 1));
        var otherKey = url.Replace("/data.zip?", "/other.zip?");
        var noSignature = uri.GetLeftPart(UriPartial.Path) + uri.Query[..uri.Query.IndexOf("&Signature", StringComparison.Ordinal)];

        foreach (var bad in new[] { tamperedExpires, otherKey, noSignature, uri.GetLeftPart(UriPartial.Path) })
        {
            using var response = await c.PutAsync(bad, [1], "application/zip");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.StartsWith(XmlProlog + "SignatureDoesNotMatch</Code>", await response.Content.ReadAsStringAsync());
        }

        // An x-obs-* header that was not signed breaks the signature too.
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent([1]) };
        request.Content.Headers.ContentType = new("application/zip");
        request.Headers.Add("x-obs-acl", "public-read");
        using var withHeader = await c.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, withHeader.StatusCode);
        Assert.Empty(c.Emulator.Objects);
    }

    [Fact]
    public async Task Expired_url_is_403_AccessDenied()
    {
        await using var c = await EmulatorTestClient.StartAsync(o => o.UploadUrlLifetime = TimeSpan.FromMinutes(-1));
        var url = (await c.CreateAsync("basic", """{"voice_name":"v"}""")).GetProperty("training_data_uploading_url").GetString()!;
        using var response = await c.PutAsync(url, [1, 2], "application/zip");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.StartsWith(XmlProlog + "AccessDenied</Code><Message>Request has expired</Message>", xml);
        Assert.Empty(c.Emulator.Objects);
    }

    [Fact]
    public async Task Chunked_upload_is_411_MissingContentLength()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var url = (await c.CreateAsync("basic", """{"voice_name":"v"}""")).GetProperty("training_data_uploading_url").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StreamContent(new MemoryStream([1, 2, 3])) };
        request.Content.Headers.ContentType = new("application/zip");
        request.Headers.TransferEncodingChunked = true;
        using var response = await c.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.LengthRequired, response.StatusCode);
        Assert.StartsWith(XmlProlog + "MissingContentLength</Code>", await response.Content.ReadAsStringAsync());
        Assert.Empty(c.Emulator.Objects);
    }

    [Fact]
    public async Task Body_shorter_than_content_length_stores_nothing()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var uri = new Uri((await c.CreateAsync("basic", """{"voice_name":"v"}""")).GetProperty("training_data_uploading_url").GetString()!);

        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(IPAddress.Loopback, uri.Port);
            var head = $"PUT {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/zip\r\nContent-Length: 1000\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(head));
            await socket.SendAsync(new byte[400]);
            socket.Shutdown(SocketShutdown.Send);
            var buffer = new byte[4096];
            var answer = new StringBuilder();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                int n;
                while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0) answer.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException) { }
            if (answer.Length > 0) Assert.StartsWith("HTTP/1.1 400", answer.ToString());
        }

        await WaitUntilAsync(() => c.Emulator.Requests.Any(r => r.Method == "PUT"));
        Assert.Equal(400, c.Emulator.Requests.Single(r => r.Method == "PUT").StatusCode);
        Assert.Empty(c.Emulator.Objects);
        var dir = Path.Combine(c.Emulator.DataDirectory, "metastudio-voice-training");
        Assert.True(!Directory.Exists(dir) || Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Length == 0);
    }

    [Fact]
    public async Task Authorization_letter_accepts_any_content_type()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var url = (await c.CreateAsync("advance", """{"voice_name":"v"}""")).GetProperty("authorization_letter_uploading_url").GetString()!;
        using (var pdf = await c.PutAsync(url, [1, 2, 3], "application/pdf")) Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        using (var none = await c.PutAsync(url, [4, 5], null)) Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Equal(2, Assert.Single(c.Emulator.Objects).Size);
    }

    [Fact]
    public async Task Concurrent_segment_uploads_and_discard_mode()
    {
        await using var c = await EmulatorTestClient.StartAsync(o => o.DiscardUploads = true);
        var created = await c.CreateAsync("basic", """{"voice_name":"v","create_type":"SEGMENT"}""");
        var audio = created.GetProperty("segment_uploading_url").GetProperty("audio_uploading_url").EnumerateArray().Select(e => e.GetString()!).ToList();
        var payloads = audio.Select(_ => EmulatorTestClient.RandomBytes(200_000)).ToList();

        var responses = await Task.WhenAll(audio.Select((url, i) => c.PutAsync(url, payloads[i], "audio/wav")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var objects = c.Emulator.Objects;
        Assert.Equal(20, objects.Count);
        for (var i = 0; i < 20; i++)
        {
            var o = objects.Single(x => x.Key.EndsWith($"/segments/{i}.wav", StringComparison.Ordinal));
            Assert.Equal(EmulatorTestClient.Md5Hex(payloads[i]), o.Md5Hex);
            Assert.Null(o.FilePath);
        }
        Assert.False(Directory.Exists(Path.Combine(c.Emulator.DataDirectory, "metastudio-voice-training")));
    }

    [Fact]
    public async Task Fresh_upload_addresses_have_the_documented_shape_and_work()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var package = (await c.CreateAsync("middle", """{"voice_name":"p"}""")).GetProperty("job_id").GetString()!;
        var segment = (await c.CreateAsync("basic", """{"voice_name":"s","create_type":"SEGMENT"}""")).GetProperty("job_id").GetString()!;

        var (_, p) = await c.CallAsync(HttpMethod.Get, $"user/jobs/{package}/uploading-address-url");
        Assert.Equal(["package_url", "authorization_letter_uploading_url"], JsonAssert.Names(p));
        var zipUrl = p.GetProperty("package_url").GetProperty("training_data_uploading_url").GetString()!;
        using (var put = await c.PutAsync(zipUrl, [9], "application/zip")) Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var (_, s) = await c.CallAsync(HttpMethod.Get, $"user/jobs/{segment}/uploading-address-url");
        Assert.Equal(["segment_url", "authorization_letter_uploading_url"], JsonAssert.Names(s));
        Assert.Equal(20, s.GetProperty("segment_url").GetProperty("audio_uploading_url").GetArrayLength());
        var txt = s.GetProperty("segment_url").GetProperty("txt_uploading_url")[3].GetString()!;
        using (var put = await c.PutAsync(txt, "hello"u8.ToArray(), "text/plain")) Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(2, c.Emulator.Objects.Count);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }
}
