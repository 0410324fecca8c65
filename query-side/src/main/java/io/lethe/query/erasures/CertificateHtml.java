package io.lethe.query.erasures;

import io.lethe.verifier.certificates.ErasureCertificate;
import io.lethe.verifier.certificates.SignedErasureCertificate;

/** A printable page of a certificate: what a privacy officer files and a data subject receives. */
public final class CertificateHtml {

    private CertificateHtml() {
    }

    public static String render(SignedErasureCertificate signed) {
        ErasureCertificate c = signed.certificate();
        StringBuilder models = new StringBuilder();
        for (ErasureCertificate.ModelCertificate m : c.models()) {
            models.append("<tr><td>").append(esc(m.modelId())).append("</td><td><span class=\"badge ")
                    .append(esc(String.valueOf(m.guarantee()).toLowerCase())).append("\">")
                    .append(esc(m.guarantee())).append("</span></td><td>").append(m.versionBefore())
                    .append(" &rarr; ").append(m.versionAfter() == null ? "unchanged" : m.versionAfter())
                    .append("</td><td>").append(m.membership().stream().filter(p -> !p.member()).count())
                    .append(" of ").append(m.membership().size()).append(" records proven absent</td><td>")
                    .append(esc(metrics(m))).append("</td></tr>\n");
        }
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Erasure certificate %s</title>
                <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#1d2733}
                h1{font-size:1.5rem}table{border-collapse:collapse;width:100%%}td,th{border-bottom:1px solid #dde;
                padding:.4rem;text-align:left}.badge{padding:.1rem .5rem;border-radius:.6rem;font-size:.8rem;
                color:#fff;background:#667}.exact{background:#1b7f3b}.approximate{background:#b26a00}
                .rebase{background:#2456a6}code{word-break:break-all;font-size:.75rem}
                @media print{a{display:none}}</style></head><body>
                <h1>Certificate of erasure</h1>
                <p>Erasure <b>%s</b> of the data subject with pseudonym <code>%s</code>, requested by %s,
                received %s, due %s, <b>completed %s</b>.</p>
                <table><tr><th>model</th><th>guarantee</th><th>versions</th><th>proofs</th><th>forget metrics</th></tr>
                %s</table>
                <h2>Evidence</h2>
                <p>The completion is leaf %d of the transparency log, covered by this signed checkpoint:</p>
                <pre>%s</pre>
                <p>Signed by <b>%s</b> (Ed25519 public key <code>%s</code>):<br><code>%s</code></p>
                <p>Verify offline with the <code>io.lethe.verifier.certificates.CertificateVerifier</code> against the key
                from <code>GET /api/log/public-key</code>.</p>
                <p><a href="certificate">Download the signed JSON</a></p>
                </body></html>
                """.formatted(esc(c.erasureId()), esc(c.erasureId()), esc(c.subjectPseudonym()), esc(c.requestedBy()),
                esc(c.receivedAt()), esc(c.dueAt()), esc(c.completedAt()), models, c.completionLeafIndex(),
                esc(c.checkpoint()), esc(signed.keyName()), esc(signed.publicKey()), esc(signed.signature()));
    }

    private static String metrics(ErasureCertificate.ModelCertificate m) {
        StringBuilder out = new StringBuilder();
        m.forgetMetrics().entrySet().stream()
                .filter(e -> e.getKey().contains("ccuracy") || e.getKey().contains("Auc"))
                .forEach(e -> out.append(e.getKey()).append('=').append(String.format("%.3f", e.getValue())).append(' '));
        return out.toString().trim();
    }

    private static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
