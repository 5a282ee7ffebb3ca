// Reads a JUnit XML file with Maven Surefire's own report parser (the one its report plugin renders from) and prints
// what it understood, one line per suite and per case, for the tests to compare with what the report meant to say.
import java.util.List;
import org.apache.maven.plugin.surefire.log.api.PrintStreamLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;

public final class SurefireReportDump {
    public static void main(String[] args) throws Exception {
        TestSuiteXmlParser parser = new TestSuiteXmlParser(new PrintStreamLogger(System.err));
        List<ReportTestSuite> suites = parser.parse(args[0]);
        System.out.println("valid " + parser.isValid());
        for (ReportTestSuite suite : suites) {
            System.out.println("suite " + suite.getFullClassName() + " tests=" + suite.getNumberOfTests()
                + " failures=" + suite.getNumberOfFailures() + " errors=" + suite.getNumberOfErrors()
                + " skipped=" + suite.getNumberOfSkipped() + " flakes=" + suite.getNumberOfFlakes());
            for (ReportTestCase c : suite.getTestCases()) {
                String outcome = c.hasError() ? "error" : c.hasFailure() ? "failure" : c.hasSkipped() ? "skipped" : "passed";
                System.out.println("case " + c.getName() + " " + outcome
                    + (c.getFailureType() == null ? "" : " type=" + c.getFailureType())
                    + (c.getFailureMessage() == null ? "" : " message=" + c.getFailureMessage()));
            }
        }
    }
}
