using MetaStudio.Voice.Client;

namespace MetaStudio.Voice.Session
{
    /// <summary>X-App-UserId rules: printable ASCII only (the service refuses Chinese characters).</summary>
    internal static class AppUserIds
    {
        public static void Validate(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            foreach (var c in value!)
            {
                if (c < 0x20 || c > 0x7E)
                    throw new MetaStudioException("InvalidAppUserId", MetaStudioErrorKind.InvalidArgument,
                        $"The app user id '{value}' contains '{c}', which MetaStudio does not accept: use printable ASCII letters, digits and symbols only (no Chinese characters).");
            }
        }
    }
}
