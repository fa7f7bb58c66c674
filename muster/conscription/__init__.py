"""Call-up (tuyển chọn và gọi công dân nhập ngũ): law-versioned rules and the eligibility engine."""
