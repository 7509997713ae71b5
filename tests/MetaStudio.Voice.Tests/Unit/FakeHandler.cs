using System.Net;

namespace MetaStudio.Voice.Tests.Unit;

/// <summary>An HttpMessageHandler that answers from a function and remembers what it was sent.</summary>
public sealed class FakeHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, byte[]?, HttpResponseMessage> _answer;

    public FakeHandler(Func<HttpRequestMessage, byte[]?, HttpResponseMessage> answer) => _answer = answer;

    public List<(HttpRequestMessage Request, byte[]? Body)> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[]? body = null;
        if (request.Content != null)
        {
            using var ms = new MemoryStream();
            await request.Content.CopyToAsync(ms, cancellationToken);
            body = ms.ToArray();
        }
        Requests.Add((request, body));
        return _answer(request, body);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string? requestId = null)
    {
        var r = new HttpResponseMessage(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (requestId != null) r.Headers.Add("X-Request-Id", requestId);
        return r;
    }
}
