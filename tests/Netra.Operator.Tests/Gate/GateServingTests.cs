using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Netra.Operator.Core.Gate;

namespace Netra.Operator.Tests.Gate;

/// <summary>The gate as the operator serves it: on its own port, over TLS when a certificate is mounted.</summary>
[Collection(GateDefinition.Name)]
public sealed class GateServingTests(GateFixture bed)
{
    [Fact]
    public async Task The_operator_serves_the_gate_on_its_own_port()
    {
        await bed.CreateExistingRunAsync("served");
        var options = OperatorTestBed.OperatorOptions("gate-served", "gate-served") with
        {
            Gate = new GateOptions { Address = "127.0.0.1", Port = 0 },
        };
        await using var host = Netra.Operator.Core.Serve.OperatorHost.Start(
            bed.Cp.ConfigurationFor(bed.Cp.OperatorToken), options, NullLoggerFactory.Instance);
        using var anonymous = new HttpClient { BaseAddress = host.GateAddress };
        using var tenant = new HttpClient { BaseAddress = host.GateAddress };
        tenant.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bed.TenantToken);

        using var refused = await anonymous.GetAsync($"/v1/namespaces/{GateFixture.Team}/testruns/served");
        using var answered = await tenant.GetAsync($"/v1/namespaces/{GateFixture.Team}/testruns/served");

        Assert.NotEqual(host.HealthAddress.Port, host.GateAddress!.Port);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (refused.StatusCode, answered.StatusCode));
    }

    [Fact]
    public async Task With_a_mounted_certificate_the_gate_speaks_https_and_takes_a_renewed_certificate()
    {
        var folder = Directory.CreateTempSubdirectory("netra-gate-tls-").FullName;
        try
        {
            var (certificate, key) = (Path.Combine(folder, "tls.crt"), Path.Combine(folder, "tls.key"));
            var first = WriteSelfSigned(certificate, key);
            using var operatorClient = bed.Cp.CreateOperatorClient();
            await using var gate = GateServer.Start(operatorClient, new GateOptions
            {
                Address = "127.0.0.1",
                Port = 0,
                TlsCertificateFile = certificate,
                TlsKeyFile = key,
            }, NullLoggerFactory.Instance);

            Assert.Equal("https", gate.Address.Scheme);
            Assert.Equal(first, await ServedThumbprintAsync(gate.Address));

            // cert-manager renews in place; the kubelet updates the mounted files.
            var renewed = WriteSelfSigned(certificate, key);
            File.SetLastWriteTimeUtc(certificate, DateTime.UtcNow.AddSeconds(1));
            Assert.Equal(renewed, await ServedThumbprintAsync(gate.Address));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_operator_not_allowed_to_review_tokens_answers_503_naming_the_cause()
    {
        // The tenant's account stands for an operator whose chart lacks the gate's rules.
        using var unprivileged = bed.Cp.ClientFor(bed.TenantToken);
        await using var gate = GateServer.Start(unprivileged, new GateOptions { Address = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
        using var client = new HttpClient { BaseAddress = gate.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bed.TenantToken);

        using var response = await client.GetAsync($"/v1/namespaces/{GateFixture.Team}/testruns/any");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("tokenreviews", body, StringComparison.Ordinal);
        Assert.DoesNotContain(bed.TenantToken, body, StringComparison.Ordinal);
    }

    /// <summary>Asks without a token (a 401 is enough) and returns the thumbprint of the certificate the gate presented.</summary>
    private static async Task<string> ServedThumbprintAsync(Uri gate)
    {
        string? served = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                served = certificate!.Thumbprint;
                return true;
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = gate };
        using var response = await client.GetAsync($"/v1/namespaces/{GateFixture.Team}/testruns/any");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return served!;
    }

    private static string WriteSelfSigned(string certificateFile, string keyFile)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=netra-operator-gate", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return certificate.Thumbprint;
    }
}
