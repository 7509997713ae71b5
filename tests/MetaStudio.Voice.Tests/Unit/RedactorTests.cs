using MetaStudio.Voice.Client;

namespace MetaStudio.Voice.Tests.Unit;

public class RedactorTests
{
    [Fact]
    public void Url_keeps_host_and_path_and_drops_the_whole_query()
    {
        var url = new Uri("https://bucket.obs.cn-north-4.myhuaweicloud.com/p/j/data.zip?AccessKeyId=AK1&Expires=1700000000&Signature=abc%2Fdef%3D");
        Assert.Equal("https://bucket.obs.cn-north-4.myhuaweicloud.com/p/j/data.zip?<redacted>", Redactor.Url(url));
    }

    [Fact]
    public void Url_without_query_is_unchanged()
        => Assert.Equal("https://metastudio.cn-north-4.myhuaweicloud.com/v1/p/x", Redactor.Url(new Uri("https://metastudio.cn-north-4.myhuaweicloud.com/v1/p/x")));

    [Theory]
    [InlineData("PUT http://127.0.0.1:5000/obs/b/k?AccessKeyId=AK&Expires=1&Signature=SECRETSIG failed", "SECRETSIG")]
    [InlineData("X-Auth-Token: SECRETTOKEN", "SECRETTOKEN")]
    [InlineData("{\"password\": \"SECRETPW\"}", "SECRETPW")]
    [InlineData("Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=SECRETSIG2", "SECRETSIG2")]
    [InlineData("see Signature=SECRETSIG3&x=1", "SECRETSIG3")]
    public void Text_removes_secrets(string text, string secret)
    {
        var redacted = Redactor.Text(text);
        Assert.DoesNotContain(secret, redacted);
        Assert.Contains(Redactor.Mask, redacted);
    }

    [Fact]
    public void A_url_already_redacted_is_not_masked_twice()
    {
        var shown = "Uploading 10 bytes to " + Redactor.Url(new Uri("https://b.obs/k.zip?Signature=S&Expires=1"));
        Assert.Equal("Uploading 10 bytes to https://b.obs/k.zip?<redacted>", Redactor.Text(shown));
    }

    [Fact]
    public void Text_leaves_ordinary_messages_alone()
    {
        const string text = "Created job 26f06524-4f75-4b3a-a853-b649a21aaf66 for voice 'Gentle female voice'.";
        Assert.Equal(text, Redactor.Text(text));
    }
}
