using System;
using System.Runtime.InteropServices;
using System.Security;

namespace MetaStudio.Voice.Auth
{
    /// <summary>Reads a SecureString at the moment of use; the plain text lives only in the caller's local.</summary>
    internal static class SecretText
    {
        public static string Reveal(SecureString secret)
        {
            if (secret == null) throw new ArgumentNullException(nameof(secret));
            var ptr = IntPtr.Zero;
            try
            {
                // PtrToStringUni with the explicit length works on every platform (PtrToStringAuto does not on Linux).
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secret);
                return Marshal.PtrToStringUni(ptr, secret.Length);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
