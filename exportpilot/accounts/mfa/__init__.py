"""Two-factor authentication for staff (SECURITY.md G-AUTH-1).

TOTP devices from ``django_otp.plugins.otp_totp`` and single-use recovery codes
from ``otp_static``. ``services`` decides who must have a second factor and
changes devices; ``middleware`` holds a password-only session at the MFA pages;
``views`` are the enrolment, code and device pages. The REST API authenticates
by token and is not asked for a code.
"""
