using System.Text.Json.Nodes;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// The wrapper every /v1/{project_id}/... handler runs in: authenticate and authorize the project, answer
/// the handler's JSON, map <see cref="ApiException"/> to the service's error body.
/// </summary>
internal static class ProjectRoute
{
    public static RequestDelegate Handle(EmulatorServices s, Func<HttpContext, string, Task<JsonNode>> handler) => async context =>
    {
        try
        {
            var projectId = (string)context.Request.RouteValues["project_id"]!;
            s.Authorizer.Authorize(context, projectId);
            var body = await handler(context, projectId);
            await Json.WriteAsync(context, 200, body);
        }
        catch (ApiException e)
        {
            await Json.WriteErrorAsync(context, e);
        }
    };

    public static string JobIdOf(HttpContext context) => (string)context.Request.RouteValues["job_id"]!;
}
