using System.Net;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Voice.Emulator;

/// <summary>The guard of every /_emulator admin route: only callers on this machine get through.</summary>
internal static class AdminRoute
{
    public static RequestDelegate LoopbackOnly(RequestDelegate inner) => context =>
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null && !IPAddress.IsLoopback(remote))
        {
            context.Response.StatusCode = 403;
            return Task.CompletedTask;
        }
        return inner(context);
    };
}
