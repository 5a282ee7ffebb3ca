using System.Security.Cryptography.X509Certificates;

namespace Netra.Operator.Core.Web;

/// <summary>
/// A PEM certificate and key from mounted files, read again when either changes: cert-manager renews a Secret's
/// certificate in place, and the kubelet updates the mounted files without restarting the pod.
/// </summary>
public sealed class PemCertificate(string certificateFile, string keyFile)
{
    private readonly Lock _reading = new();
    private (DateTime Certificate, DateTime Key) _readAt;
    private X509Certificate2? _current;

    public X509Certificate2 Current
    {
        get
        {
            lock (_reading)
            {
                var written = (File.GetLastWriteTimeUtc(certificateFile), File.GetLastWriteTimeUtc(keyFile));
                if (_current is null || written != _readAt)
                {
                    _current = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
                    _readAt = written;
                }

                return _current;
            }
        }
    }
}
