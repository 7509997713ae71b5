using System.Net;
using System.Text.Json;

namespace MetaStudio.Voice.Tests.Emulator;

public class EmulatorRecordingTests
{
    [Fact]
    public async Task Requests_are_recorded_in_order_and_admin_endpoints_hide_credentials()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        const string json = """{"voice_name":"recorded"}""";
        var created = await c.CreateAsync("advance", json, appUserId: "app-1");
        await c.UploadPackageAsync(created, [1, 2, 3, 4]);
        await c.CallAsync(HttpMethod.Get, "user/jobs?limit=5", token: "bad-token");

        var requests = c.Emulator.Requests;
        Assert.Equal(3, requests.Count);

        var create = requests[0];
        Assert.Equal("POST", create.Method);
        Assert.Equal($"/v1/{EmulatorTestClient.Project}/voice-training-manage/user/advance-jobs", create.Path);
        Assert.Equal("", create.QueryString);
        Assert.Equal(json, create.Body);
        Assert.Equal(200, create.StatusCode);
        Assert.Equal(EmulatorTestClient.Token, create.Headers["x-auth-token"]); // case-insensitive
        Assert.Equal("app-1", create.Headers["X-App-UserId"]);

        var put = requests[1];
        Assert.Equal("PUT", put.Method);
        Assert.StartsWith("/obs/metastudio-voice-training/", put.Path);
        Assert.StartsWith("?AccessKeyId=", put.QueryString);
        Assert.Null(put.Body);
        Assert.False(put.Headers.ContainsKey("X-Auth-Token"));
        Assert.Equal("application/zip", put.Headers["Content-Type"]);
        Assert.Equal(200, put.StatusCode);

        var list = requests[2];
        Assert.Equal("?limit=5", list.QueryString);
        Assert.Null(list.Body);
        Assert.Equal(401, list.StatusCode);

        var adminText = await c.Http.GetStringAsync("_emulator/requests");
        Assert.DoesNotContain(EmulatorTestClient.Token, adminText);
        Assert.DoesNotContain("bad-token", adminText);
        var signature = Uri.UnescapeDataString(put.QueryString.Split("Signature=")[1]);
        Assert.DoesNotContain(put.QueryString.Split("Signature=")[1], adminText);
        Assert.DoesNotContain(signature, adminText);
        using var admin = JsonDocument.Parse(adminText);
        Assert.Equal(3, admin.RootElement.GetArrayLength());
        Assert.Equal("***", admin.RootElement[0].GetProperty("headers").GetProperty("X-Auth-Token").GetString());
        Assert.Equal(json, admin.RootElement[0].GetProperty("body").GetString());
        Assert.Equal(401, admin.RootElement[2].GetProperty("status_code").GetInt32());

        using var jobs = JsonDocument.Parse(await c.Http.GetStringAsync("_emulator/jobs"));
        Assert.Equal("recorded", jobs.RootElement[0].GetProperty("voice_name").GetString());
        Assert.Equal(EmulatorTestClient.Project, jobs.RootElement[0].GetProperty("project_id").GetString());
        using var objects = JsonDocument.Parse(await c.Http.GetStringAsync("_emulator/objects"));
        Assert.Equal(EmulatorTestClient.Md5Hex([1, 2, 3, 4]), objects.RootElement[0].GetProperty("md5").GetString());

        Assert.Equal(3, c.Emulator.Requests.Count); // admin calls are not recorded
        c.Emulator.ClearRequests();
        Assert.Empty(c.Emulator.Requests);
        await c.CallAsync(HttpMethod.Get, "user/jobs");
        using (var cleared = await c.Http.DeleteAsync("_emulator/requests")) Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Empty(c.Emulator.Requests);
    }

    [Fact]
    public async Task Temp_data_directory_is_removed_on_dispose_but_a_given_one_is_kept()
    {
        var c = await EmulatorTestClient.StartAsync();
        var temp = c.Emulator.DataDirectory;
        Assert.True(Directory.Exists(temp));
        await c.DisposeAsync();
        Assert.False(Directory.Exists(temp));

        var mine = Path.Combine(Path.GetTempPath(), "emu-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var d = await EmulatorTestClient.StartAsync(o => o.DataDirectory = mine))
            {
                Assert.Equal(mine, d.Emulator.DataDirectory);
                await d.UploadPackageAsync(await d.CreateAsync("basic", """{"voice_name":"v"}"""));
            }
            Assert.Single(Directory.GetFiles(mine, "data.zip", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(mine, recursive: true);
        }
    }
}
