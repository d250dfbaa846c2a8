// Runs first on the strict-CSP test page: records every CSP and Trusted Types violation the page
// raises (the policy is enforced, not report-only), for the parent test to read.
window.cspViolations = [];
document.addEventListener(
  'securitypolicyviolation',
  (event) => {
    window.cspViolations.push({
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      sample: event.sample,
      source: event.sourceFile,
      line: event.lineNumber,
      disposition: event.disposition,
    });
  },
  true,
);
