using System.Security;

namespace MetaStudio.Voice.Tests.Infrastructure;

public static class Secrets
{
    public static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (var c in text) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }

    /// <summary>Fails naming the first secret found in any of the texts.</summary>
    public static void AssertAbsent(IEnumerable<string> texts, IEnumerable<string> secrets)
    {
        var all = texts.ToList();
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)))
        {
            var hit = all.FirstOrDefault(t => t.Contains(secret, StringComparison.Ordinal));
            Assert.True(hit == null, $"A secret leaked into output: ...{hit}...");
        }
    }
}
